import QtQuick
import QtQuick.Controls

// Completion for an expression field: fields the statement reads, joined tables
// and twins with their fields, pattern steps, functions. Shown under the editor
// while a word is typed; Up/Down choose, Enter or Tab take, Escape closes.
// It never takes the focus from the editor.
Popup {
    id: popup
    objectName: "completion"

    property var project
    property int nodeId: -1
    property Item editor          // the TextField or TextArea being completed
    property var items: []
    property int wordLength: 0

    padding: 1
    focus: false
    closePolicy: Popup.CloseOnEscape | Popup.CloseOnPressOutsideParent
    width: Math.max(240, editor ? editor.width : 240)
    height: Math.min(list.contentHeight + 2, 220)

    // Re-reads the completions for the text before the editor's cursor.
    function refresh(target) {
        editor = target
        if (!project || nodeId < 0 || !target || !target.activeFocus) {
            close()
            return
        }
        const typed = target.text.substring(0, target.cursorPosition)
        const word = typed.match(/[A-Za-z0-9_.]*$/)[0]
        if (word.length === 0) {
            close()
            return
        }
        items = project.completions(nodeId, typed)
        wordLength = word.length
        list.currentIndex = 0
        if (items.length === 0) {
            close()
            return
        }
        const at = target.positionToRectangle(target.cursorPosition)
        parent = target
        x = Math.min(at.x, Math.max(0, target.width - width))
        y = at.y + at.height + 4
        open()
    }

    // Puts the chosen completion in place of the word being typed.
    function accept() {
        if (!opened || !editor || list.currentIndex < 0)
            return false
        const text = items[list.currentIndex].text
        const end = editor.cursorPosition
        editor.remove(end - wordLength, end)
        editor.insert(end - wordLength, text)
        close()
        return true
    }

    // Keys of the editor while the popup is open; true when used here.
    function handleKey(event) {
        if (!opened)
            return false
        if (event.key === Qt.Key_Down) {
            list.currentIndex = Math.min(list.currentIndex + 1, items.length - 1)
        } else if (event.key === Qt.Key_Up) {
            list.currentIndex = Math.max(list.currentIndex - 1, 0)
        } else if ((event.key === Qt.Key_Return || event.key === Qt.Key_Enter || event.key === Qt.Key_Tab)
                   && !(event.modifiers & Qt.ControlModifier)) {
            accept()
        } else if (event.key === Qt.Key_Escape) {
            close()
        } else {
            return false
        }
        event.accepted = true
        return true
    }

    background: Rectangle {
        color: Theme.panel
        border.color: Theme.border
        radius: Theme.radius
    }

    contentItem: ListView {
        id: list
        clip: true
        model: popup.items
        boundsBehavior: Flickable.StopAtBounds
        delegate: ItemDelegate {
            required property var modelData
            required property int index
            objectName: "completion." + modelData.text
            width: ListView.view.width
            height: 24
            focusPolicy: Qt.NoFocus
            highlighted: ListView.isCurrentItem
            onClicked: {
                list.currentIndex = index
                popup.accept()
            }
            contentItem: Row {
                spacing: 8
                Text {
                    text: modelData.text
                    color: Theme.text
                    font.family: Theme.monoFamily
                    font.pixelSize: 12
                }
                Text {
                    text: modelData.detail
                    color: Theme.mutedText
                    font.pixelSize: 11
                    anchors.verticalCenter: parent.verticalCenter
                }
            }
        }
    }
}
