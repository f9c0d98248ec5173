import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Cepheus.Studio

// The rule text of the project's files, one tab per file.
//
// The document owns the text and the undo stack: typing goes to
// project.setCurrentText(), and a new project.currentText (a canvas edit, an
// undo) replaces the editor's text. So the TextArea's own undo is never used;
// Ctrl+Z and Ctrl+Shift+Z / Ctrl+Y here undo and redo in the document.
Rectangle {
    id: root

    required property var project

    property bool settingText: false
    property int shownFile: -1
    property int hoverPosition: -1

    color: Theme.base

    // Shows the document's text, keeping the cursor and the scroll where they were
    // (both reset when another file comes in).
    function pullText() {
        const fileChanged = project.currentFile !== shownFile
        shownFile = project.currentFile
        if (editor.text === project.currentText && !fileChanged)
            return
        const position = fileChanged ? 0 : editor.cursorPosition
        const scrollY = fileChanged ? 0 : flick.contentY
        settingText = true
        if (fileChanged) {
            editor.text = project.currentText
        } else {
            // Only the part that changed is replaced, so a canvas edit in a long file
            // lays out and highlights a few lines, not the whole file.
            const before = editor.text
            const after = project.currentText
            let start = 0
            while (start < before.length && start < after.length && before[start] === after[start])
                ++start
            let endBefore = before.length
            let endAfter = after.length
            while (endBefore > start && endAfter > start && before[endBefore - 1] === after[endAfter - 1]) {
                --endBefore
                --endAfter
            }
            editor.remove(start, endBefore)
            editor.insert(start, after.substring(start, endAfter))
        }
        editor.cursorPosition = Math.min(position, editor.length)
        settingText = false
        flick.contentY = Math.max(0, Math.min(scrollY, flick.contentHeight - flick.height))
    }

    // Brings character position `at` into view, a quarter down from the top.
    function scrollTo(at) {
        const rect = editor.positionToRectangle(at)
        if (rect.y < flick.contentY || rect.y + rect.height > flick.contentY + flick.height)
            flick.contentY = Math.max(0, Math.min(rect.y - flick.height / 4, flick.contentHeight - flick.height))
        if (rect.x < flick.contentX || rect.x > flick.contentX + flick.width - 40)
            flick.contentX = Math.max(0, rect.x - 40)
    }

    // Selects begin..end of the current file and scrolls it into view.
    function reveal(begin, end, takeFocus) {
        pullText()
        const from = Math.max(0, Math.min(begin, editor.length))
        const to = Math.max(from, Math.min(end, editor.length))
        editor.select(from, to)
        scrollTo(from)
        Qt.callLater(scrollTo, from)  // again once the text is laid out (a file just switched)
        if (takeFocus !== false)
            editor.forceActiveFocus()
    }

    // Shows node `nodeId`'s statement (switching to its file).
    function revealNode(nodeId, takeFocus) {
        const span = project.revealNode(nodeId)
        if (span.begin !== undefined)
            reveal(span.begin, span.end, takeFocus)
    }

    function wordAt(position) {
        const text = editor.text
        const isWord = (c) => /[A-Za-z0-9_]/.test(c)
        let begin = position
        let end = position
        while (begin > 0 && isWord(text.charAt(begin - 1)))
            --begin
        while (end < text.length && isWord(text.charAt(end)))
            ++end
        return text.slice(begin, end)
    }

    function goToDefinition(position) {
        const word = wordAt(position)
        if (word === "")
            return
        const found = project.definitionOf(word)
        if (found.file === undefined)
            return
        if (found.file !== project.currentFile)
            project.currentFile = found.file
        reveal(found.begin, found.end, true)
    }

    function lineStartOf(position) { return editor.text.lastIndexOf("\n", position - 1) + 1 }

    function isUndo(event) {
        return event.matches(StandardKey.Undo)
    }
    function isRedo(event) {
        const ctrl = (event.modifiers & Qt.ControlModifier) !== 0
        const shift = (event.modifiers & Qt.ShiftModifier) !== 0
        return event.matches(StandardKey.Redo) || (ctrl && event.key === Qt.Key_Y) || (ctrl && shift && event.key === Qt.Key_Z)
    }

    Connections {
        target: root.project
        function onCurrentTextChanged() { root.pullText() }
        function onCurrentFileChanged() { root.pullText() }
    }
    Component.onCompleted: pullText()

    RuleHighlighter {
        textDocument: editor.textDocument
        document: root.project
        dark: Theme.dark
    }

    FontMetrics {
        id: metrics
        font: editor.font
    }

    ColumnLayout {
        anchors.fill: parent
        spacing: 0

        // ---- File tabs and the cursor's place ----
        Rectangle {
            Layout.fillWidth: true
            implicitHeight: Theme.headerHeight
            color: Theme.panelHeader

            ListView {
                id: tabs
                anchors.left: parent.left
                anchors.top: parent.top
                anchors.bottom: parent.bottom
                anchors.right: place.left
                anchors.rightMargin: Theme.spacing
                orientation: ListView.Horizontal
                model: root.project.files
                clip: true
                boundsBehavior: Flickable.StopAtBounds
                interactive: contentWidth > width

                delegate: Rectangle {
                    id: tab
                    required property string path
                    required property int fileIndex
                    required property int errorCount
                    required property bool modified
                    readonly property bool current: root.project.currentFile === fileIndex

                    width: tabRow.implicitWidth + 24
                    height: tabs.height
                    color: current ? Theme.base : (tabMouse.containsMouse ? Theme.hover : "transparent")

                    Rectangle {
                        visible: tab.current
                        anchors.left: parent.left
                        anchors.right: parent.right
                        anchors.top: parent.top
                        height: 2
                        color: Theme.accent
                    }
                    Rectangle {
                        anchors.right: parent.right
                        anchors.top: parent.top
                        anchors.bottom: parent.bottom
                        width: 1
                        color: Theme.border
                    }

                    Row {
                        id: tabRow
                        anchors.centerIn: parent
                        spacing: 6
                        Rectangle {
                            visible: tab.errorCount > 0
                            anchors.verticalCenter: parent.verticalCenter
                            width: 6
                            height: 6
                            radius: 3
                            color: Theme.error
                        }
                        Text {
                            anchors.verticalCenter: parent.verticalCenter
                            text: tab.path.substring(tab.path.lastIndexOf("/") + 1)
                            color: tab.current ? Theme.text : Theme.mutedText
                            font.pixelSize: 12
                            textFormat: Text.PlainText
                        }
                        Text {
                            visible: tab.modified
                            anchors.verticalCenter: parent.verticalCenter
                            text: "\u25cf"
                            color: Theme.mutedText
                            font.pixelSize: 9
                        }
                    }

                    MouseArea {
                        id: tabMouse
                        anchors.fill: parent
                        hoverEnabled: true
                        onClicked: root.project.currentFile = tab.fileIndex
                        ToolTip.visible: containsMouse
                        ToolTip.delay: 600
                        ToolTip.text: tab.path + (tab.modified ? "  " + qsTr("(not saved)") : "")
                    }
                }
            }

            Text {
                id: place
                anchors.right: parent.right
                anchors.rightMargin: 12
                anchors.verticalCenter: parent.verticalCenter
                readonly property int lineStart: root.lineStartOf(editor.cursorPosition)
                text: qsTr("Ln %1, Col %2").arg(editor.text.slice(0, lineStart).split("\n").length)
                                           .arg(editor.cursorPosition - lineStart + 1)
                color: Theme.mutedText
                font.pixelSize: 12
            }

            Rectangle {
                anchors.left: parent.left
                anchors.right: parent.right
                anchors.bottom: parent.bottom
                height: 1
                color: Theme.border
            }
        }

        // ---- The text does not parse ----
        Rectangle {
            visible: !root.project.textParses
            Layout.fillWidth: true
            implicitHeight: 24
            color: Theme.errorFill
            Rectangle {
                width: 3
                height: parent.height
                color: Theme.error
            }
            Text {
                anchors.fill: parent
                anchors.leftMargin: 12
                verticalAlignment: Text.AlignVCenter
                text: qsTr("The text does not parse: the canvas shows the last version that did.")
                color: Theme.error
                font.pixelSize: 12
                elide: Text.ElideRight
            }
        }

        // ---- Gutter and text ----
        Item {
            Layout.fillWidth: true
            Layout.fillHeight: true

            Rectangle {
                id: gutter
                anchors.left: parent.left
                anchors.top: parent.top
                anchors.bottom: parent.bottom
                width: Math.max(3, String(editor.lineCount).length) * metrics.averageCharacterWidth + 20
                color: Theme.panel
                clip: true

                // A TextEdit like the editor, so both lay out lines identically.
                TextEdit {
                    id: numbers
                    x: 0
                    y: -flick.contentY
                    width: gutter.width - 10
                    topPadding: editor.topPadding
                    readOnly: true
                    selectByMouse: false
                    activeFocusOnPress: false
                    horizontalAlignment: TextEdit.AlignRight
                    font: editor.font
                    color: Theme.faintText
                    textFormat: TextEdit.PlainText

                    property int lines: Math.max(1, editor.lineCount)
                    onLinesChanged: text = Array.from({ length: lines }, (_, i) => i + 1).join("\n")
                    Component.onCompleted: text = Array.from({ length: lines }, (_, i) => i + 1).join("\n")
                }

                Rectangle {
                    anchors.right: parent.right
                    anchors.top: parent.top
                    anchors.bottom: parent.bottom
                    width: 1
                    color: Theme.border
                }
            }

            Flickable {
                id: flick
                anchors.left: gutter.right
                anchors.right: parent.right
                anchors.top: parent.top
                anchors.bottom: parent.bottom
                clip: true
                boundsBehavior: Flickable.StopAtBounds
                ScrollBar.vertical: ScrollBar {}
                ScrollBar.horizontal: ScrollBar {}

                TextArea.flickable: TextArea {
                    id: editor
                    objectName: "ruleEditor"
                    font.family: Theme.monoFamily
                    font.pixelSize: Theme.monoFontSize
                    wrapMode: TextEdit.NoWrap
                    textFormat: TextEdit.PlainText
                    selectByMouse: true
                    persistentSelection: true        // a statement revealed from the canvas stays marked
                    color: Theme.text
                    selectionColor: Theme.dark ? "#2c4f78" : "#b9d5fb"
                    selectedTextColor: Theme.text
                    leftPadding: 10
                    rightPadding: 10
                    topPadding: 6
                    bottomPadding: 6
                    background: Rectangle { color: Theme.base }
                    enabled: root.project.open

                    onTextChanged: {
                        // Only typing is an edit: re-highlighting and programmatic changes are not.
                        if (!root.settingText && activeFocus)
                            root.project.setCurrentText(text)
                    }

                    onReleased: (event) => {
                        if (event.modifiers & Qt.ControlModifier)
                            root.goToDefinition(cursorPosition)
                        else if (selectionStart === selectionEnd)
                            root.project.selectAtText(cursorPosition)
                    }

                    Keys.onShortcutOverride: (event) => {
                        // Undo and redo belong to the document, not to this TextArea.
                        if (root.isUndo(event) || root.isRedo(event))
                            event.accepted = true
                    }

                    Keys.onPressed: (event) => {
                        if (root.isUndo(event)) {
                            root.project.undo()
                            event.accepted = true
                        } else if (root.isRedo(event)) {
                            root.project.redo()
                            event.accepted = true
                        } else if (event.key === Qt.Key_F12) {
                            root.goToDefinition(cursorPosition)
                            event.accepted = true
                        } else if (event.key === Qt.Key_Tab && event.modifiers === Qt.NoModifier) {
                            // Two spaces, as the formatter indents.
                            if (selectionStart !== selectionEnd)
                                remove(selectionStart, selectionEnd)
                            insert(cursorPosition, "  ")
                            event.accepted = true
                        } else if (event.key === Qt.Key_Backtab) {
                            const start = root.lineStartOf(cursorPosition)
                            const spaces = /^ {0,2}/.exec(text.slice(start))[0].length
                            if (spaces > 0)
                                remove(start, start + spaces)
                            event.accepted = true
                        } else if ((event.key === Qt.Key_Return || event.key === Qt.Key_Enter)
                                   && !(event.modifiers & (Qt.ControlModifier | Qt.AltModifier))) {
                            // A new line keeps the indentation of the one before.
                            const start = root.lineStartOf(cursorPosition)
                            const indent = /^ */.exec(text.slice(start, cursorPosition))[0]
                            if (selectionStart !== selectionEnd)
                                remove(selectionStart, selectionEnd)
                            insert(cursorPosition, "\n" + indent)
                            event.accepted = true
                        }
                    }

                    // The current line, faintly, under the text.
                    Rectangle {
                        z: -1
                        x: 0
                        y: editor.cursorRectangle.y
                        width: Math.max(editor.width, flick.width)
                        height: editor.cursorRectangle.height
                        color: Theme.dark ? Qt.rgba(1, 1, 1, 0.035) : Qt.rgba(0, 0, 0, 0.035)
                        visible: editor.activeFocus && editor.selectionStart === editor.selectionEnd
                    }

                    // Problems under the mouse, as a tooltip.
                    MouseArea {
                        anchors.fill: parent
                        acceptedButtons: Qt.NoButton
                        hoverEnabled: true
                        cursorShape: Qt.IBeamCursor
                        onPositionChanged: (event) => {
                            const position = editor.positionAt(event.x, event.y)
                            const rect = editor.positionToRectangle(position)
                            // Past the end of a line is not over the text.
                            const over = Math.abs(event.y - (rect.y + rect.height / 2)) <= rect.height
                                         && event.x <= rect.x + metrics.averageCharacterWidth * 1.5
                            const at = over ? position : -1
                            if (at === root.hoverPosition)
                                return
                            root.hoverPosition = at
                            const problem = at >= 0 ? root.project.problemAt(at) : ""
                            if (problem === "") {
                                hoverTip.visible = false
                                return
                            }
                            hoverTip.text = problem
                            hoverTip.x = event.x + 12
                            hoverTip.y = event.y + 18
                            hoverTip.visible = true
                        }
                        onExited: {
                            root.hoverPosition = -1
                            hoverTip.visible = false
                        }
                    }

                    ToolTip {
                        id: hoverTip
                        delay: 350
                        timeout: -1
                    }
                }
            }
        }
    }
}
