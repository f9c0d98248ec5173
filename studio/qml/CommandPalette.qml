import QtQuick
import QtQuick.Controls
import QtQuick.Layouts

// Every command of the window, and every node, behind one filter field
// (Ctrl+Shift+P; Ctrl+F opens it on nodes only). Up/Down choose, Enter runs,
// Escape closes.
Popup {
    id: root

    property var actions: []          // the window's Actions
    property var canvas               // for the node rows
    property bool nodesOnly: false

    // A node was chosen: select it and bring it into view.
    signal nodeChosen(int nodeId)

    property var entries: []

    function openWith(onlyNodes) {
        nodesOnly = onlyNodes
        field.text = ""
        refresh()
        open()
    }

    // "&Open Project…" reads "Open Project".
    function plain(text) { return text.replace(/&(?!&)/g, "").replace(/\u2026$/, "") }

    // True when every word of the filter appears in `text`.
    function matches(text, words) {
        const lower = text.toLowerCase()
        return words.every(w => lower.indexOf(w) >= 0)
    }

    function refresh() {
        const words = field.text.trim().toLowerCase().split(/\s+/).filter(w => w !== "")
        const next = []
        if (!nodesOnly) {
            for (let i = 0; i < actions.length; ++i) {
                const action = actions[i]
                const label = plain(action.text)
                if (label !== "" && matches(label, words))
                    next.push({ type: "action", index: i, label: label, detail: action.shortcut ? String(action.shortcut) : "",
                                enabled: action.enabled, kind: "" })
            }
        }
        if (canvas && (nodesOnly || words.length > 0)) {
            const nodes = canvas.nodeRows().filter(n => matches(n.name, words))
            nodes.sort((a, b) => a.name.localeCompare(b.name))
            for (const n of nodes.slice(0, 200))
                next.push({ type: "node", nodeId: n.nodeId, label: qsTr("Go to node: %1").arg(n.name), detail: n.kind,
                            enabled: true, kind: n.kind })
        }
        entries = next
        list.currentIndex = next.length > 0 ? 0 : -1
    }

    function run(index) {
        const entry = entries[index]
        if (!entry || !entry.enabled)
            return
        close()
        // Run once the popup is gone, so focus and shortcuts are the window's again.
        if (entry.type === "action") {
            const action = actions[entry.index]
            Qt.callLater(() => action.trigger())
        } else {
            const id = entry.nodeId
            Qt.callLater(() => root.nodeChosen(id))
        }
    }

    parent: Overlay.overlay
    x: Math.round((parent.width - width) / 2)
    y: 72
    width: Math.min(620, parent.width - 80)
    height: Math.min(contentColumn.implicitHeight + topPadding + bottomPadding, parent.height - 140)
    modal: true
    focus: true
    padding: 0
    closePolicy: Popup.CloseOnEscape | Popup.CloseOnPressOutside

    onOpened: field.forceActiveFocus()

    background: Rectangle {
        color: Theme.panel
        border.color: Theme.border
        radius: 6
    }

    ColumnLayout {
        id: contentColumn
        anchors.fill: parent
        spacing: 0

        TextField {
            id: field
            Layout.fillWidth: true
            Layout.margins: Theme.spacing
            placeholderText: root.nodesOnly ? qsTr("Find a node by name") : qsTr("Type a command or a node name")
            selectByMouse: true
            font.pixelSize: 14
            onTextChanged: root.refresh()
            onAccepted: root.run(list.currentIndex)
            Keys.onUpPressed: list.currentIndex = Math.max(0, list.currentIndex - 1)
            Keys.onDownPressed: list.currentIndex = Math.min(list.count - 1, list.currentIndex + 1)
            Keys.onPressed: (event) => {
                if (event.key === Qt.Key_PageDown) {
                    list.currentIndex = Math.min(list.count - 1, list.currentIndex + 10)
                    event.accepted = true
                } else if (event.key === Qt.Key_PageUp) {
                    list.currentIndex = Math.max(0, list.currentIndex - 10)
                    event.accepted = true
                }
            }
        }

        Rectangle { Layout.fillWidth: true; implicitHeight: 1; color: Theme.border }

        ListView {
            id: list
            Layout.fillWidth: true
            Layout.preferredHeight: Math.min(contentHeight, 12 * 30)
            Layout.bottomMargin: 4
            Layout.topMargin: 4
            model: root.entries
            clip: true
            boundsBehavior: Flickable.StopAtBounds
            highlightMoveDuration: 0
            ScrollBar.vertical: ScrollBar {}
            onCurrentIndexChanged: if (currentIndex >= 0) positionViewAtIndex(currentIndex, ListView.Contain)

            delegate: Rectangle {
                id: entryRow
                required property var modelData
                required property int index
                width: ListView.view.width
                height: 30
                color: ListView.isCurrentItem ? Theme.selectionFill : (entryMouse.containsMouse ? Theme.hover : "transparent")

                RowLayout {
                    anchors.fill: parent
                    anchors.leftMargin: 14
                    anchors.rightMargin: 14
                    spacing: Theme.spacing
                    Rectangle {
                        visible: entryRow.modelData.type === "node"
                        width: 8; height: 8; radius: 2
                        color: Theme.kindColor(entryRow.modelData.kind)
                    }
                    Text {
                        Layout.fillWidth: true
                        text: entryRow.modelData.label
                        color: entryRow.modelData.enabled ? Theme.text : Theme.faintText
                        font.pixelSize: 13
                        elide: Text.ElideRight
                        textFormat: Text.PlainText
                    }
                    Text {
                        text: entryRow.modelData.detail
                        color: Theme.mutedText
                        font.pixelSize: 12
                        textFormat: Text.PlainText
                    }
                }

                MouseArea {
                    id: entryMouse
                    anchors.fill: parent
                    hoverEnabled: true
                    onClicked: root.run(entryRow.index)
                }
            }
        }

        Text {
            visible: list.count === 0
            Layout.fillWidth: true
            Layout.margins: 14
            text: root.nodesOnly ? qsTr("No node matches") : qsTr("No command or node matches")
            color: Theme.faintText
            font.pixelSize: 13
        }
    }
}
