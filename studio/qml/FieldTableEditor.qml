import QtQuick
import QtQuick.Controls
import QtQuick.Layouts

// A schema's fields (or a twin's properties) as a small table: name, type,
// optional, default. Every change writes the whole block back at once (one
// undoable edit); a refused change stays on show with the reason underneath,
// and the text is not touched. Comments on the lines are kept as they are.
ColumnLayout {
    id: root
    objectName: "fieldTable"

    property var project
    property int nodeId: -1          // set once by the inspector: a late commit never lands on another node
    property string key: "fields"    // "fields" (schema) or "properties" (twin)
    property string blockText        // the block as in the document, one field per line
    property bool withDefaults       // twins: every property starts from its default

    property var rows: []
    // The language's types, plus any a field uses that is not one of them (typed in the text).
    property var types: []
    property string error
    // An empty block is a table with no rows yet, not one the table cannot read.
    readonly property bool parsed: rows.length > 0 || blockText.trim() === ""
    readonly property bool showDefaults: withDefaults || rows.some(row => (row.defaultValue || "") !== "")

    function rebuild() {
        if (!project)
            return
        const list = project.fieldRows(blockText)
        const names = []
        for (const type of project.fieldTypes())
            names.push(type)
        for (const row of list)
            if (row.type && names.indexOf(row.type) < 0)
                names.push(row.type)
        error = ""
        if (names.join(",") !== types.join(",")) {
            // New choices make new rows: no type ComboBox keeps an index into the old list.
            rows = []
            types = names
        }
        rows = list
    }
    onBlockTextChanged: rebuild()
    onProjectChanged: rebuild()
    Component.onCompleted: rebuild()

    function commit(next) {
        const text = project.fieldText(next)
        if (text === blockText) {
            error = ""
            rows = project.fieldRows(blockText)
            return
        }
        if (project.setFormField(nodeId, key, text))
            error = ""
        else
            error = project.lastMessage !== "" ? project.lastMessage : qsTr("These fields are refused.")
        rows = next      // once the document has the new text, rebuild() reads its canonical form
    }

    function update(index, changes) {
        const next = rows.map(row => Object.assign({}, row))
        Object.assign(next[index], changes)
        commit(next)
    }

    function remove(index) {
        const next = rows.map(row => Object.assign({}, row))
        next.splice(index, 1)
        commit(next)
    }

    function add() {
        const next = rows.map(row => Object.assign({}, row))
        const used = next.map(row => row.name)
        let n = next.length + 1
        while (used.indexOf("field_" + n) >= 0)
            ++n
        next.push({ name: "field_" + n, type: "string", optional: false, defaultValue: "", comment: "" })
        commit(next)
    }

    spacing: 4

    Text {
        visible: !root.parsed
        text: root.key === "properties"
              ? qsTr("These properties use more than the table shows; edit them as text below.")
              : qsTr("These fields use more than the table shows; edit them as text below.")
        color: Theme.mutedText
        font.pixelSize: 12
        wrapMode: Text.Wrap
        Layout.fillWidth: true
    }

    // Column headings, over the editors' own widths.
    RowLayout {
        visible: root.parsed && root.rows.length > 0
        Layout.fillWidth: true
        spacing: 4
        Text {
            text: root.key === "properties" ? qsTr("Property") : qsTr("Field")
            color: Theme.mutedText
            font.pixelSize: 12
            font.weight: Font.DemiBold
            Layout.fillWidth: true
        }
        Text {
            text: qsTr("Type")
            color: Theme.mutedText
            font.pixelSize: 12
            font.weight: Font.DemiBold
            Layout.preferredWidth: 96
        }
        Text {
            text: qsTr("Opt.")
            color: Theme.mutedText
            font.pixelSize: 12
            font.weight: Font.DemiBold
            horizontalAlignment: Text.AlignHCenter
            Layout.preferredWidth: 28
        }
        Text {
            visible: root.showDefaults
            text: qsTr("Default")
            color: Theme.mutedText
            font.pixelSize: 12
            font.weight: Font.DemiBold
            Layout.preferredWidth: 64
        }
        Item { implicitWidth: 24 }
    }

    Repeater {
        // The count, not the rows: rows are made anew only when fields come or go,
        // so a name being typed survives the rereading of the text.
        model: root.rows.length
        delegate: RowLayout {
            id: fieldRow
            required property int index
            readonly property var row: root.rows[index] || ({})

            objectName: "fieldRow." + index
            Layout.fillWidth: true
            spacing: 4

            TextField {
                objectName: "fieldRow." + fieldRow.index + ".name"
                Layout.fillWidth: true
                Layout.minimumWidth: 60
                font.family: Theme.monoFamily
                font.pixelSize: 12
                selectByMouse: true
                text: fieldRow.row.name || ""
                onEditingFinished: if (text.trim() !== (fieldRow.row.name || ""))
                                       root.update(fieldRow.index, { name: text.trim() })
                Keys.onEscapePressed: text = Qt.binding(() => fieldRow.row.name || "")
                // The line's comment, which the table keeps but does not edit.
                ToolTip.text: fieldRow.row.comment || ""
                ToolTip.visible: hovered && (fieldRow.row.comment || "") !== ""
                ToolTip.delay: 500
            }
            ComboBox {
                objectName: "fieldRow." + fieldRow.index + ".type"
                Layout.preferredWidth: 96
                font.pixelSize: 12
                model: root.types
                currentIndex: root.types.indexOf(fieldRow.row.type || "")
                onActivated: (i) => {
                    if (root.types[i] !== fieldRow.row.type)
                        root.update(fieldRow.index, { type: root.types[i] })
                }
            }
            CheckBox {
                objectName: "fieldRow." + fieldRow.index + ".optional"
                Layout.preferredWidth: 28
                padding: 0
                checked: fieldRow.row.optional === true
                onToggled: root.update(fieldRow.index, { optional: checked })
                ToolTip.text: qsTr("Optional: the field may be missing or null")
                ToolTip.visible: hovered
                ToolTip.delay: 500
            }
            TextField {
                objectName: "fieldRow." + fieldRow.index + ".default"
                visible: root.showDefaults
                Layout.preferredWidth: 64
                font.family: Theme.monoFamily
                font.pixelSize: 12
                selectByMouse: true
                placeholderText: qsTr("none")
                text: fieldRow.row.defaultValue || ""
                onEditingFinished: if (text.trim() !== (fieldRow.row.defaultValue || ""))
                                       root.update(fieldRow.index, { defaultValue: text.trim() })
                Keys.onEscapePressed: text = Qt.binding(() => fieldRow.row.defaultValue || "")
                ToolTip.text: qsTr("The value when the field is missing, e.g. 0 or \"C\"")
                ToolTip.visible: hovered
                ToolTip.delay: 800
            }
            ToolButton {
                objectName: "fieldRow." + fieldRow.index + ".remove"
                implicitWidth: 24
                implicitHeight: 24
                padding: 0
                font.pixelSize: 12
                text: "\u2715"
                enabled: root.rows.length > 1    // the block needs a field
                onClicked: root.remove(fieldRow.index)
                ToolTip.text: root.key === "properties" ? qsTr("Remove this property") : qsTr("Remove this field")
                ToolTip.visible: hovered
                ToolTip.delay: 500
            }
        }
    }

    Button {
        objectName: "fieldTable.add"
        visible: root.parsed
        text: root.key === "properties" ? qsTr("+ Property") : qsTr("+ Field")
        font.pixelSize: 12
        onClicked: root.add()
    }

    Text {
        objectName: "fieldTable.error"
        visible: root.error !== ""
        text: root.error
        color: Theme.error
        font.pixelSize: 12
        wrapMode: Text.Wrap
        textFormat: Text.PlainText
        Layout.fillWidth: true
    }
}
