import QtQuick
import QtQuick.Controls
import QtQuick.Layouts

// One field of a node's form in the inspector: its label, an editor that fits
// the field (a choice of words, several lines of rule text, or one line), and
// the reason underneath when the document refuses a value.
//
// A value is committed with Enter, on focus loss, with Ctrl+Enter in a
// multi-line field, or by choosing an entry. A refused value stays in the
// editor so it can be corrected.
ColumnLayout {
    id: root
    objectName: "field." + spec.key

    required property var spec      // {key, label, value, required, multiline, choices, placeholder}
    required property string value   // the value in the document
    property var project
    property int nodeId: -1          // fixed at creation: a late commit never lands on another node
    property string error
    // Shown under the editor: a plain note, or a small rich-text preview.
    property string note
    property string previewHtml

    // The text as typed, before it is committed (for live previews).
    signal edited(string key, string text)

    readonly property var choices: spec.choices || []
    readonly property bool isChoice: choices.length > 0
    // Fields written as expressions (or lists of them) get completion of names and functions.
    readonly property bool completes: ["where", "select", "compute", "having", "match", "on", "group by",
                                       "partition by", "throttle"].indexOf(spec.key) >= 0

    readonly property alias completionPopup: completion
    CompletionPopup {
        id: completion
        project: root.project
        nodeId: root.nodeId
    }

    function commit(text) {
        if (text === value) {
            error = ""
            return
        }
        if (project.setFormField(nodeId, spec.key, text))
            error = ""
        else
            error = project.lastMessage !== "" ? project.lastMessage : qsTr("This value is refused.")
        if (editorLoader.item)
            editorLoader.item.committed = text
    }

    onValueChanged: {
        error = ""
        if (editorLoader.item)
            editorLoader.item.show(value)
    }

    spacing: 4

    RowLayout {
        spacing: 4
        Layout.fillWidth: true
        Text {
            text: root.spec.label
            color: Theme.mutedText
            font.pixelSize: 12
            font.weight: Font.DemiBold
            textFormat: Text.PlainText
        }
        Text {
            visible: root.spec.required
            text: "*"
            color: Theme.faintText
            font.pixelSize: 12
        }
        Item { Layout.fillWidth: true }
        Text {
            visible: root.spec.multiline && !root.isChoice
            text: qsTr("Ctrl+Enter to apply")
            color: Theme.faintText
            font.pixelSize: 10
        }
    }

    Loader {
        id: editorLoader
        Layout.fillWidth: true
        sourceComponent: root.isChoice ? choiceEditor : root.spec.multiline ? linesEditor : lineEditor
        onLoaded: item.show(root.value)
    }

    Text {
        visible: root.error !== ""
        text: root.error
        color: Theme.error
        font.pixelSize: 12
        wrapMode: Text.Wrap
        textFormat: Text.PlainText
        Layout.fillWidth: true
    }

    Rectangle {
        visible: root.previewHtml !== ""
        Layout.fillWidth: true
        implicitHeight: previewText.implicitHeight + 12
        radius: Theme.radius
        color: Theme.panelHeader
        border.color: Theme.border
        Text {
            id: previewText
            anchors.fill: parent
            anchors.margins: 6
            text: root.previewHtml
            textFormat: Text.StyledText
            color: Theme.text
            font.pixelSize: 12
            wrapMode: Text.Wrap
        }
    }

    Text {
        visible: root.note !== ""
        text: root.note
        color: Theme.mutedText
        font.pixelSize: 12
        font.italic: true
        wrapMode: Text.Wrap
        textFormat: Text.PlainText
        Layout.fillWidth: true
    }

    // A few words: a ComboBox, with an empty entry when the field may be left out.
    Component {
        id: choiceEditor
        ComboBox {
            id: combo
            objectName: "field." + root.spec.key + ".input"
            property string committed
            property var options: root.spec.required ? root.choices : [""].concat(root.choices)
            model: options
            displayText: currentText === "" ? qsTr("(none)") : currentText
            function show(v) {
                let i = options.indexOf(v)
                if (i < 0) {
                    // A value the form does not list (typed in the text): keep it choosable.
                    options = options.concat([v])
                    i = options.length - 1
                }
                currentIndex = i
            }
            delegate: ItemDelegate {
                objectName: "choice." + modelData
                required property var modelData
                required property int index
                width: combo.width
                text: modelData === "" ? qsTr("(none)") : modelData
                highlighted: combo.highlightedIndex === index
            }
            onActivated: (index) => {
                root.edited(root.spec.key, options[index])
                root.commit(options[index])
            }
        }
    }

    // One line: Enter or leaving the field commits, Escape puts the value back.
    Component {
        id: lineEditor
        TextField {
            objectName: "field." + root.spec.key + ".input"
            property string committed
            placeholderText: root.spec.placeholder || ""
            selectByMouse: true
            function show(v) {
                // Do not overwrite what the user is typing, except with the canonical
                // form of what they have just committed.
                if (!activeFocus || text === committed)
                    text = v
            }
            onTextEdited: {
                root.edited(root.spec.key, text)
                if (root.completes)
                    completion.refresh(this)
            }
            onEditingFinished: root.commit(text)  // Enter taken by the completion does not get here
            Keys.onPressed: (event) => completion.handleKey(event)
            Keys.onEscapePressed: {
                text = root.value
                root.error = ""
                root.edited(root.spec.key, text)
            }
        }
    }

    // Several lines of rule text: Ctrl+Enter or leaving the field commits.
    Component {
        id: linesEditor
        TextArea {
            objectName: "field." + root.spec.key + ".input"
            property string committed
            placeholderText: root.spec.placeholder || ""
            selectByMouse: true
            wrapMode: TextEdit.Wrap
            font.family: Theme.monoFamily
            font.pixelSize: 12
            topPadding: 6
            bottomPadding: 6
            function show(v) {
                if (!activeFocus || text === committed)
                    text = v
            }
            onTextChanged: if (activeFocus) {
                root.edited(root.spec.key, text)
                if (root.completes)
                    completion.refresh(this)
            }
            onActiveFocusChanged: if (!activeFocus) root.commit(text)
            Keys.onPressed: (event) => {
                if (completion.handleKey(event))
                    return
                if ((event.key === Qt.Key_Return || event.key === Qt.Key_Enter)
                        && (event.modifiers & Qt.ControlModifier)) {
                    root.commit(text)
                    event.accepted = true
                } else if (event.key === Qt.Key_Escape) {
                    text = root.value
                    root.error = ""
                    root.edited(root.spec.key, text)
                    event.accepted = true
                } else if (event.key === Qt.Key_Tab || event.key === Qt.Key_Backtab) {
                    // Tab moves on, as in the other fields (the formatter does the indenting).
                    const next = nextItemInFocusChain(event.key === Qt.Key_Tab)
                    if (next)
                        next.forceActiveFocus(Qt.TabFocusReason)
                    event.accepted = true
                }
            }
        }
    }
}
