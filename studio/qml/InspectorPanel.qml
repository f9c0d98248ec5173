import QtQuick
import QtQuick.Controls
import QtQuick.Layouts

// The form of the selected node: its name, then one editor per clause of its
// statement. Every commit is an edit of the rule text (undoable, and refused
// when the statement would not parse). With no node selected it summarises
// the project; with several, it says how many.
Rectangle {
    id: root

    required property var project

    // "Show in text": the editor should reveal node `nodeId`'s statement.
    signal revealRequested(int nodeId)

    // The form on show. `fields` is replaced only when the node or its list of
    // fields changes, so the editors (and what is being typed in them) survive
    // edits elsewhere; `values` is refreshed on every change of the document.
    property int nodeId: -1
    property string kind
    property string nameValue
    property var fields: []
    property var values: ({})
    property var live: ({})          // key -> text as typed, for the previews
    property string signature
    property string nameError
    // The text editors of the clauses a structured editor shows stay folded
    // under "Edit as text" unless asked for, or unless that editor cannot read them.
    property bool textShown: false

    // The clauses shown by a structured editor (pattern builder, field table).
    readonly property var structuredKeys: kind === "pattern" ? ["match", "skip"]
                                        : kind === "schema" ? ["fields"]
                                        : kind === "twin" ? ["properties"] : []
    // Whether that editor can read its clause: when it cannot, the text is the way to edit it.
    readonly property bool structuredReads: {
        if (!project.open || structuredKeys.length === 0)
            return false
        const text = values[structuredKeys[0]] !== undefined ? values[structuredKeys[0]] : ""
        if (kind === "pattern")
            return project.patternSteps(text).length > 0
        return text.trim() === "" || project.fieldRows(text).length > 0
    }

    readonly property int selectionCount: project.selection.length

    function valueOf(key) {
        return live[key] !== undefined ? live[key] : (values[key] !== undefined ? values[key] : "")
    }

    function refresh() {
        const id = project.open ? project.selectedNode : -1
        const form = id >= 0 ? project.formOf(id) : ({})
        const list = form.fields || []
        const next = {}
        for (const field of list)
            next[field.key] = field.value
        values = next
        live = {}                    // the previews follow the document again
        const signatureNow = id + "|" + (form.kind || "") + "|" + list.map(f => f.key).join(",")
        const another = signatureNow !== signature
        if (another) {
            // Another node (or another shape of form): new editors.
            nodeId = id
            nameError = ""
            textShown = false
            fields = list
        }
        kind = form.kind || (id >= 0 && project.nodeAt(id).kind ? project.nodeAt(id).kind : "")
        nameValue = form.name || (id >= 0 ? (project.nodeAt(id).name || "") : "")
        // Last: the structured editors are made anew from it, once the node, its
        // kind and its values are all in place.
        if (another)
            signature = signatureNow
        if (!nameField.activeFocus)
            nameField.text = nameValue
    }

    // The kind of the form on show, read from its signature: the structured
    // editors depend on this one property, so they are made once per node.
    function formIs(formKind) {
        return signature.split("|")[1] === formKind
    }

    function escapeHtml(text) {
        return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;")
    }

    // The alert's message as it will read, its {placeholders} picked out.
    function alertPreview() {
        const message = valueOf("message")
        if (message === "")
            return ""
        const severity = valueOf("severity") || "medium"
        const colour = severity === "critical" || severity === "high" ? Theme.error
                     : severity === "medium" ? Theme.warning : Theme.accent
        const body = escapeHtml(message).replace(/\{([^}]*)\}/g,
                                                 "<font color=\"" + Theme.accent + "\">\u2039$1\u203a</font>")
        return "<font color=\"" + colour + "\"><b>" + severity.toUpperCase() + "</b></font>&nbsp;&nbsp;" + body
    }

    Connections {
        target: root.project
        function onSelectionChanged() { Qt.callLater(root.refresh) }
        function onUndoStateChanged() { Qt.callLater(root.refresh) }
        function onFolderChanged() { Qt.callLater(root.refresh) }
        function onCurrentTextChanged() { Qt.callLater(root.refresh) }
    }
    Component.onCompleted: refresh()

    PatternSentence { id: sentence }

    color: Theme.panel

    ColumnLayout {
        anchors.fill: parent
        spacing: 0

        PanelHeader {
            title: qsTr("Inspector")
            Layout.fillWidth: true
        }

        // ---- Nothing selected: the project at a glance ----
        ColumnLayout {
            visible: root.nodeId < 0 && root.selectionCount <= 1
            Layout.fillWidth: true
            Layout.margins: 16
            spacing: 12

            Text {
                text: root.project.open ? qsTr("Select a node to edit it") : qsTr("No project is open")
                color: Theme.mutedText
                font.pixelSize: 14
                Layout.fillWidth: true
                wrapMode: Text.Wrap
            }

            GridLayout {
                visible: root.project.open
                columns: 2
                columnSpacing: 16
                rowSpacing: 6
                Layout.fillWidth: true

                Text { text: qsTr("Project"); color: Theme.mutedText; font.pixelSize: 12 }
                Text {
                    text: root.project.title
                    color: Theme.text
                    font.pixelSize: 13
                    font.weight: Font.DemiBold
                    elide: Text.ElideMiddle
                    Layout.fillWidth: true
                }
                Text { text: qsTr("Nodes"); color: Theme.mutedText; font.pixelSize: 12 }
                Text { text: root.project.nodes.count; color: Theme.text; font.pixelSize: 13 }
                Text { text: qsTr("Wires"); color: Theme.mutedText; font.pixelSize: 12 }
                Text { text: root.project.wires.count; color: Theme.text; font.pixelSize: 13 }
                Text { text: qsTr("Files"); color: Theme.mutedText; font.pixelSize: 12 }
                Text { text: root.project.files.count; color: Theme.text; font.pixelSize: 13 }
                Text { text: qsTr("Problems"); color: Theme.mutedText; font.pixelSize: 12 }
                Text {
                    readonly property int errors: root.project.problems.errorCount
                    readonly property int others: root.project.problems.count - errors
                    text: errors === 0 && others === 0 ? qsTr("none")
                          : qsTr("%1 errors, %2 warnings").arg(errors).arg(others)
                    color: errors > 0 ? Theme.error : others > 0 ? Theme.warning : Theme.text
                    font.pixelSize: 13
                }
            }

            Text {
                visible: root.project.open
                text: qsTr("Drag from the palette to add a node; drag from a node's right edge to wire it.")
                color: Theme.faintText
                font.pixelSize: 12
                wrapMode: Text.Wrap
                Layout.fillWidth: true
            }
        }

        // ---- Several selected ----
        ColumnLayout {
            visible: root.nodeId < 0 && root.selectionCount > 1
            Layout.fillWidth: true
            Layout.margins: 16
            spacing: 8
            Text {
                text: qsTr("%1 nodes selected").arg(root.selectionCount)
                color: Theme.text
                font.pixelSize: 14
                font.weight: Font.DemiBold
            }
            Text {
                text: qsTr("Drag one of them to move them together; Delete removes them, Ctrl+D duplicates them.")
                color: Theme.mutedText
                font.pixelSize: 12
                wrapMode: Text.Wrap
                Layout.fillWidth: true
            }
        }

        // ---- One node ----
        ScrollView {
            id: scroll
            visible: root.nodeId >= 0
            Layout.fillWidth: true
            Layout.fillHeight: true
            contentWidth: availableWidth
            clip: true

            ColumnLayout {
                width: scroll.availableWidth
                spacing: 12

                Item { implicitHeight: 4 }

                // Kind and name
                RowLayout {
                    Layout.leftMargin: 16
                    Layout.rightMargin: 16
                    spacing: 6
                    Rectangle {
                        width: 8
                        height: 8
                        radius: 4
                        color: Theme.kindColor(root.kind)
                    }
                    Text {
                        text: root.kind
                        color: Theme.kindColor(root.kind)
                        font.pixelSize: 12
                        font.weight: Font.DemiBold
                        font.capitalization: Font.SmallCaps
                        font.letterSpacing: 0.4
                    }
                    Item { Layout.fillWidth: true }
                    Button {
                        text: qsTr("Show in text")
                        flat: true
                        focusPolicy: Qt.NoFocus
                        onClicked: root.revealRequested(root.nodeId)
                    }
                }

                ColumnLayout {
                    Layout.leftMargin: 16
                    Layout.rightMargin: 16
                    spacing: 4
                    Text {
                        text: qsTr("Name")
                        color: Theme.mutedText
                        font.pixelSize: 12
                        font.weight: Font.DemiBold
                    }
                    TextField {
                        id: nameField
                        objectName: "inspector.name"
                        Layout.fillWidth: true
                        font.pixelSize: 15
                        font.weight: Font.DemiBold
                        selectByMouse: true
                        onAccepted: {
                            if (text.trim() === root.nameValue) {
                                root.nameError = ""
                                return
                            }
                            if (root.project.renameNode(root.nodeId, text.trim()))
                                root.nameError = ""
                            else
                                root.nameError = root.project.lastMessage
                        }
                        onActiveFocusChanged: {
                            // Leaving without Enter puts the name back (a rename is deliberate).
                            if (!activeFocus && root.nameError === "")
                                text = root.nameValue
                        }
                        Keys.onEscapePressed: {
                            text = root.nameValue
                            root.nameError = ""
                        }
                    }
                    Text {
                        visible: root.nameError !== ""
                        text: root.nameError
                        color: Theme.error
                        font.pixelSize: 12
                        wrapMode: Text.Wrap
                        Layout.fillWidth: true
                    }
                }

                // This node's problems, as the checker words them.
                Repeater {
                    model: root.project.problems
                    delegate: Rectangle {
                        required property string severity
                        required property string message
                        required property string hint
                        required property string node
                        visible: node !== "" && node === root.nameValue
                        Layout.fillWidth: true
                        Layout.leftMargin: 16
                        Layout.rightMargin: 16
                        implicitHeight: visible ? problemColumn.implicitHeight + 12 : 0
                        radius: Theme.radius
                        color: severity === "error" ? Theme.errorFill : Theme.warningFill
                        border.color: severity === "error" ? Theme.error : Theme.warning
                        border.width: 1
                        ColumnLayout {
                            id: problemColumn
                            anchors.fill: parent
                            anchors.margins: 6
                            spacing: 2
                            Text {
                                text: message
                                color: Theme.text
                                font.pixelSize: 12
                                wrapMode: Text.Wrap
                                textFormat: Text.PlainText
                                Layout.fillWidth: true
                            }
                            Text {
                                visible: hint !== ""
                                text: hint
                                color: Theme.mutedText
                                font.pixelSize: 12
                                wrapMode: Text.Wrap
                                textFormat: Text.PlainText
                                Layout.fillWidth: true
                            }
                        }
                    }
                }

                Text {
                    visible: root.fields.length === 0
                    text: root.project.textParses
                          ? qsTr("This statement has no form; edit it in the rule text.")
                          : qsTr("The form is back once the text parses again; until then, edit the rule text.")
                    color: Theme.mutedText
                    font.pixelSize: 12
                    wrapMode: Text.Wrap
                    Layout.fillWidth: true
                    Layout.leftMargin: 16
                    Layout.rightMargin: 16
                }

                Rectangle {
                    visible: root.fields.length > 0
                    Layout.fillWidth: true
                    implicitHeight: 1
                    color: Theme.border
                }

                // A pattern's steps as cards. Made anew for each node (the model is the
                // form's signature), like the field editors: a late commit of a card
                // never lands on another node.
                Repeater {
                    model: root.formIs("pattern") ? [root.signature] : []
                    delegate: PatternBuilder {
                        project: root.project
                        matchText: root.values["match"] !== undefined ? root.values["match"] : ""
                        skipText: root.values["skip"] !== undefined ? root.values["skip"] : ""
                        selfName: root.nameValue
                        Component.onCompleted: nodeId = root.nodeId   // not a binding: see above
                        Layout.fillWidth: true
                        Layout.leftMargin: 16
                        Layout.rightMargin: 16
                    }
                }

                // The steps read as a sentence (as typed, when they are edited as text).
                Text {
                    objectName: "inspector.sentence"
                    visible: root.kind === "pattern" && text !== ""
                    text: root.kind === "pattern"
                          ? sentence.describe(root.valueOf("match"), root.valueOf("partition by"),
                                              root.valueOf("within"))
                          : ""
                    color: Theme.mutedText
                    font.pixelSize: 12
                    font.italic: true
                    wrapMode: Text.Wrap
                    textFormat: Text.PlainText
                    Layout.fillWidth: true
                    Layout.leftMargin: 16
                    Layout.rightMargin: 16
                }

                // A schema's fields or a twin's properties as a table.
                Repeater {
                    model: root.formIs("schema") || root.formIs("twin") ? [root.signature] : []
                    delegate: FieldTableEditor {
                        required property string modelData
                        project: root.project
                        key: modelData.split("|")[1] === "twin" ? "properties" : "fields"
                        withDefaults: key === "properties"
                        blockText: root.values[key] !== undefined ? root.values[key] : ""
                        Component.onCompleted: nodeId = root.nodeId   // not a binding: see above
                        Layout.fillWidth: true
                        Layout.leftMargin: 16
                        Layout.rightMargin: 16
                    }
                }

                // The structured editors' clauses as text, for those who know the syntax.
                Button {
                    id: editAsText
                    objectName: "inspector.editAsText"
                    visible: root.structuredReads
                    flat: true
                    padding: 2
                    leftPadding: 0
                    font.pixelSize: 12
                    Layout.leftMargin: 16
                    contentItem: Text {
                        text: (root.textShown ? "\u25be " : "\u25b8 ")
                              + (root.textShown ? qsTr("Hide the text") : qsTr("Edit as text"))
                        color: Theme.accent
                        font.pixelSize: 12
                        font.underline: editAsText.hovered
                    }
                    background: Item {}
                    onClicked: root.textShown = !root.textShown
                }

                Repeater {
                    model: root.fields
                    delegate: FormFieldEditor {
                        required property var modelData
                        // Behind "Edit as text" when a structured editor shows the clause.
                        visible: root.structuredKeys.indexOf(modelData.key) < 0 || root.textShown
                                 || !root.structuredReads
                        spec: modelData
                        value: root.values[modelData.key] !== undefined ? root.values[modelData.key] : ""
                        project: root.project
                        Component.onCompleted: nodeId = root.nodeId   // not a binding: see FormFieldEditor
                        Layout.fillWidth: true
                        Layout.leftMargin: 16
                        Layout.rightMargin: 16
                        onEdited: (key, text) => {
                            const next = Object.assign({}, root.live)
                            next[key] = text
                            root.live = next
                        }
                        previewHtml: root.kind === "alert" && modelData.key === "message" ? root.alertPreview() : ""
                    }
                }

                // A schema from what a device sends: paste one message, review the fields.
                ColumnLayout {
                    visible: root.kind === "schema"
                    Layout.fillWidth: true
                    Layout.leftMargin: 16
                    Layout.rightMargin: 16
                    spacing: 4
                    Text {
                        text: qsTr("Sample message")
                        color: Theme.mutedText
                        font.pixelSize: 12
                        font.weight: Font.DemiBold
                    }
                    TextArea {
                        id: sample
                        objectName: "schema.sample"
                        Layout.fillWidth: true
                        Layout.preferredHeight: 80
                        wrapMode: TextEdit.Wrap
                        font.family: Theme.monoFamily
                        font.pixelSize: 12
                        placeholderText: "{\"device\": \"press-7\", \"temp\": 81.5, \"ts\": \"2026-11-21T08:00:00Z\"}"
                    }
                    Button {
                        objectName: "schema.infer"
                        text: qsTr("Fields from the sample")
                        enabled: sample.text.trim().length > 0
                        onClicked: {
                            const inferred = root.project.inferSchema(sample.text)
                            if (!inferred.ok) {
                                inferNote.text = inferred.error
                                inferNote.color = Theme.error
                                return
                            }
                            if (!root.project.setFormField(root.nodeId, "fields", inferred.fields)) {
                                inferNote.text = root.project.lastMessage
                                inferNote.color = Theme.error
                                return
                            }
                            inferNote.color = Theme.mutedText
                            inferNote.text = inferred.skipped.length > 0
                                    ? qsTr("Left out (schemas are flat): %1").arg(inferred.skipped.join(", "))
                                    : qsTr("Review the types: a null gives an optional string.")
                        }
                    }
                    Text {
                        id: inferNote
                        Layout.fillWidth: true
                        wrapMode: Text.Wrap
                        font.pixelSize: 12
                        visible: text.length > 0
                    }
                }

                Item { implicitHeight: 16 }
            }
        }

        // Keeps the summaries at the top when the form is hidden.
        Item {
            visible: !scroll.visible
            Layout.fillHeight: true
        }
    }
}
