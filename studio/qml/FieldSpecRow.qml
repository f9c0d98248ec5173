import QtQuick
import QtQuick.Controls
import QtQuick.Layouts

// One field of a generator or an anomaly: how its values are made, as a form
// (kind, its arguments, per key, drift, bounds, rounding) and as the spec text
// it writes ("per key normal 70 2 drift 1/h max 95"). A spec the form cannot
// take apart is edited as text.
RowLayout {
    id: fieldRow

    required property var editor
    required property string table
    // {field, type, spec, given, required, perKey, kind, first, second, values, drift, min, max, round}
    required property var entry

    readonly property string kind: entry.kind || ""
    readonly property bool numeric: kind === "uniform" || kind === "normal" || kind === "walk" || kind === "counter"
    readonly property bool twoArguments: kind === "uniform" || kind === "normal" || kind === "walk"
    readonly property var kinds: [qsTr("(not given)")].concat(editor.fieldSpecKinds)

    objectName: "scenario.field." + table + "." + (fieldRow.entry.field || "")
    spacing: 6

    function set(part, value) {
        editor.setFieldSpecPart(table, fieldRow.entry.field, part, value)
    }
    function firstLabel() {
        switch (kind) {
        case "uniform": return qsTr("low")
        case "normal": return qsTr("mean")
        case "walk": return qsTr("start")
        case "counter": return qsTr("start")
        default: return qsTr("value")
        }
    }
    function secondLabel() {
        return kind === "uniform" ? qsTr("high") : kind === "normal" ? qsTr("deviation") : qsTr("step")
    }

    // A small text field that commits on Enter or when it loses focus.
    component Part: TextField {
        id: part
        property string partName
        property string value
        Layout.preferredWidth: 64
        text: value
        selectByMouse: true
        font.pixelSize: 12
        onEditingFinished: if (text !== value) fieldRow.set(partName, text)
    }

    Text {
        Layout.preferredWidth: 150
        text: fieldRow.entry.field + (fieldRow.entry.type ? "  " + fieldRow.entry.type : "")
        color: fieldRow.entry.required && !fieldRow.entry.given ? Theme.error : Theme.text
        font.family: Theme.monoFamily
        font.pixelSize: 12
        elide: Text.ElideRight
        ToolTip.visible: fieldHover.hovered
        ToolTip.text: fieldRow.entry.required && !fieldRow.entry.given ? qsTr("The source needs this field: give it a spec")
                    : fieldRow.entry.type === "" ? qsTr("Not a field of the source") : ""
        HoverHandler { id: fieldHover }
    }
    ComboBox {
        objectName: fieldRow.objectName + ".kind"
        Layout.preferredWidth: 110
        font.pixelSize: 12
        model: fieldRow.kinds
        enabled: fieldRow.kind !== "" || !fieldRow.entry.given
        currentIndex: fieldRow.entry.given ? Math.max(0, fieldRow.kinds.indexOf(fieldRow.kind)) : 0
        onActivated: {
            if (currentIndex === 0) fieldRow.editor.setFieldSpec(fieldRow.table, fieldRow.entry.field, "")
            else fieldRow.set("kind", fieldRow.kinds[currentIndex])
        }
    }
    CheckBox {
        visible: fieldRow.kind !== "" && fieldRow.kind !== "key" && fieldRow.kind !== "time" && fieldRow.kind !== "sequence"
                 && fieldRow.kind !== "counter" && fieldRow.kind !== "walk"
        text: qsTr("per key")
        font.pixelSize: 12
        checked: fieldRow.entry.perKey === true
        onToggled: fieldRow.set("perKey", checked ? "true" : "false")
        ToolTip.visible: hovered
        ToolTip.text: qsTr("Drawn once for each key, and kept")
    }
    Part {
        visible: fieldRow.numeric || fieldRow.kind === "constant"
        partName: "first"
        value: fieldRow.entry.first || ""
        placeholderText: fieldRow.firstLabel()
        Layout.preferredWidth: fieldRow.kind === "constant" ? 140 : 64
    }
    Part {
        visible: fieldRow.twoArguments
        partName: "second"
        value: fieldRow.entry.second || ""
        placeholderText: fieldRow.secondLabel()
    }
    Part {
        visible: fieldRow.kind === "one of" || fieldRow.kind === "sequence"
        partName: "values"
        value: fieldRow.entry.values || ""
        placeholderText: fieldRow.kind === "one of" ? qsTr("north:2 south:1") : qsTr("A B C")
        Layout.preferredWidth: 220
    }
    Part {
        visible: fieldRow.numeric
        partName: "drift"
        value: fieldRow.entry.drift || ""
        placeholderText: qsTr("drift 2/h")
    }
    Part {
        visible: fieldRow.numeric
        partName: "min"
        value: fieldRow.entry.min || ""
        placeholderText: qsTr("min")
        Layout.preferredWidth: 52
    }
    Part {
        visible: fieldRow.numeric
        partName: "max"
        value: fieldRow.entry.max || ""
        placeholderText: qsTr("max")
        Layout.preferredWidth: 52
    }
    Part {
        visible: fieldRow.numeric
        partName: "round"
        value: fieldRow.entry.round || ""
        placeholderText: qsTr("round")
        Layout.preferredWidth: 52
    }
    TextField {
        objectName: fieldRow.objectName + ".spec"
        Layout.fillWidth: true
        Layout.minimumWidth: 160
        text: fieldRow.entry.spec || ""
        placeholderText: fieldRow.entry.required ? qsTr("a spec, such as normal 70 2") : qsTr("(left out)")
        font.family: Theme.monoFamily
        font.pixelSize: 12
        selectByMouse: true
        color: Theme.mutedText
        onEditingFinished: if (text !== (fieldRow.entry.spec || "")) fieldRow.editor.setFieldSpec(fieldRow.table, fieldRow.entry.field, text)
    }
}
