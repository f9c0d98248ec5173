import QtQuick
import QtQuick.Controls
import QtQuick.Layouts

// The project's files and its nodes. A file opens in the editor; a node is
// selected and brought to the middle of the canvas. Nodes are grouped by kind
// and can be filtered by name.
Rectangle {
    id: root

    required property var project
    // Where the node rows come from: the canvas keeps one item per node anyway.
    required property var canvas

    signal nodeActivated(int nodeId)

    // Rows for the node list: headers ({header: true, kind, count}) and nodes.
    property var rows: []
    property var selectedIds: ({})

    function rebuild() {
        const wanted = filter.text.trim().toLowerCase()
        const nodes = canvas.nodeRows().filter(n => wanted === "" || n.name.toLowerCase().indexOf(wanted) >= 0)
        const order = Theme.kindOrder
        const rank = (kind) => { const i = order.indexOf(kind); return i < 0 ? order.length : i }
        nodes.sort((a, b) => rank(a.kind) - rank(b.kind) || a.name.localeCompare(b.name))
        const next = []
        for (let i = 0; i < nodes.length; ++i) {
            if (i === 0 || nodes[i].kind !== nodes[i - 1].kind) {
                let count = 0
                while (i + count < nodes.length && nodes[i + count].kind === nodes[i].kind)
                    ++count
                next.push({ header: true, kind: nodes[i].kind, count: count })
            }
            next.push(Object.assign({ header: false }, nodes[i]))
        }
        // Unchanged rows keep the list (and its scroll) as it is.
        if (JSON.stringify(next) !== JSON.stringify(rows))
            rows = next
    }

    function readSelection() {
        const ids = {}
        for (const id of project.selection)
            ids[id] = true
        selectedIds = ids
    }

    color: Theme.panel

    // The node list follows the model after a short pause, so that a drag on
    // the canvas (a change per mouse move) does not rebuild it each time.
    Timer {
        id: rebuildTimer
        interval: 150
        onTriggered: root.rebuild()
    }
    Connections {
        target: root.project.nodes
        function onRowsInserted() { rebuildTimer.restart() }
        function onRowsRemoved() { rebuildTimer.restart() }
        function onModelReset() { rebuildTimer.restart() }
        function onDataChanged() { rebuildTimer.restart() }
    }
    Connections {
        target: root.project
        function onSelectionChanged() { root.readSelection() }
    }
    Component.onCompleted: {
        readSelection()
        rebuildTimer.restart()
    }

    ColumnLayout {
        anchors.fill: parent
        spacing: 0

        PanelHeader {
            title: root.project.open ? root.project.title : qsTr("Project")
            Layout.fillWidth: true
        }

        // ---- Files ----
        ListView {
            id: files
            Layout.fillWidth: true
            Layout.preferredHeight: Math.min(contentHeight, 5 * 26) + 8
            Layout.topMargin: 4
            model: root.project.files
            clip: true
            boundsBehavior: Flickable.StopAtBounds
            ScrollBar.vertical: ScrollBar {}

            delegate: Rectangle {
                id: fileRow
                required property string path
                required property int statements
                required property int errorCount
                required property bool modified
                required property int fileIndex
                readonly property bool current: root.project.currentFile === fileIndex

                width: ListView.view.width
                height: 26
                color: current ? Theme.selectionFill : (fileMouse.containsMouse ? Theme.hover : "transparent")

                RowLayout {
                    anchors.fill: parent
                    anchors.leftMargin: 12
                    anchors.rightMargin: 12
                    spacing: 6

                    Text {
                        text: "\u2630"         // a page of lines
                        color: Theme.faintText
                        font.pixelSize: 11
                    }
                    Text {
                        Layout.fillWidth: true
                        text: fileRow.path
                        color: Theme.text
                        font.pixelSize: 13
                        font.weight: fileRow.current ? Font.DemiBold : Font.Normal
                        elide: Text.ElideMiddle
                        textFormat: Text.PlainText
                    }
                    Text {
                        visible: fileRow.modified
                        text: "\u25cf"
                        color: Theme.mutedText
                        font.pixelSize: 9
                    }
                    Rectangle {
                        visible: fileRow.errorCount > 0
                        width: 7; height: 7; radius: 3.5
                        color: Theme.error
                    }
                    Text {
                        text: fileRow.statements
                        color: Theme.faintText
                        font.pixelSize: 11
                    }
                }

                MouseArea {
                    id: fileMouse
                    anchors.fill: parent
                    hoverEnabled: true
                    onClicked: root.project.currentFile = fileRow.fileIndex
                    ToolTip.visible: containsMouse
                    ToolTip.delay: 700
                    ToolTip.text: qsTr("%1: %2 statements%3%4").arg(fileRow.path).arg(fileRow.statements)
                                  .arg(fileRow.errorCount > 0 ? qsTr(", %1 errors").arg(fileRow.errorCount) : "")
                                  .arg(fileRow.modified ? qsTr(", not saved") : "")
                }
            }
        }

        Rectangle { Layout.fillWidth: true; implicitHeight: 1; color: Theme.border }

        // ---- Nodes ----
        TextField {
            id: filter
            Layout.fillWidth: true
            Layout.margins: Theme.spacing
            placeholderText: qsTr("Filter nodes by name")
            selectByMouse: true
            onTextChanged: root.rebuild()
            Keys.onEscapePressed: text = ""
            Keys.onDownPressed: nodes.forceActiveFocus()
        }

        ListView {
            id: nodes
            Layout.fillWidth: true
            Layout.fillHeight: true
            model: root.rows
            clip: true
            boundsBehavior: Flickable.StopAtBounds
            keyNavigationEnabled: true
            activeFocusOnTab: true
            currentIndex: -1
            ScrollBar.vertical: ScrollBar {}

            Keys.onReturnPressed: if (currentItem && !currentItem.row.header) root.nodeActivated(currentItem.row.nodeId)
            Keys.onEnterPressed: if (currentItem && !currentItem.row.header) root.nodeActivated(currentItem.row.nodeId)

            delegate: Rectangle {
                id: nodeRow
                required property var modelData
                required property int index
                readonly property var row: modelData
                readonly property bool selected: !row.header && root.selectedIds[row.nodeId] === true

                width: ListView.view.width
                height: row.header ? 26 : 24
                color: row.header ? "transparent"
                     : selected ? Theme.selectionFill
                     : (ListView.isCurrentItem && nodes.activeFocus) || nodeMouse.containsMouse ? Theme.hover
                     : "transparent"

                // Group header
                Text {
                    visible: nodeRow.row.header
                    anchors.left: parent.left
                    anchors.leftMargin: 12
                    anchors.bottom: parent.bottom
                    anchors.bottomMargin: 4
                    text: nodeRow.row.header ? Theme.kindPlural(nodeRow.row.kind) + "  " + nodeRow.row.count : ""
                    color: Theme.faintText
                    font.pixelSize: Theme.smallFontSize
                    font.weight: Font.DemiBold
                    font.capitalization: Font.AllUppercase
                    font.letterSpacing: 0.6
                }

                // Node
                RowLayout {
                    visible: !nodeRow.row.header
                    anchors.fill: parent
                    anchors.leftMargin: 12
                    anchors.rightMargin: 12
                    spacing: Theme.spacing
                    Rectangle {
                        width: 8; height: 8; radius: 2
                        color: Theme.kindColor(nodeRow.row.kind)
                    }
                    Text {
                        Layout.fillWidth: true
                        text: nodeRow.row.name || ""
                        color: Theme.text
                        font.pixelSize: 13
                        elide: Text.ElideRight
                        textFormat: Text.PlainText
                    }
                    Rectangle {
                        visible: !nodeRow.row.header && (nodeRow.row.errorCount > 0 || nodeRow.row.warningCount > 0)
                        width: 7; height: 7; radius: 3.5
                        color: nodeRow.row.errorCount > 0 ? Theme.error : Theme.warning
                    }
                }

                MouseArea {
                    id: nodeMouse
                    anchors.fill: parent
                    enabled: !nodeRow.row.header
                    hoverEnabled: true
                    onClicked: {
                        nodes.currentIndex = nodeRow.index
                        root.nodeActivated(nodeRow.row.nodeId)
                    }
                }
            }

            Text {
                anchors.centerIn: parent
                visible: nodes.count === 0 && root.project.open
                text: filter.text !== "" ? qsTr("No node matches") : qsTr("No nodes yet")
                color: Theme.faintText
                font.pixelSize: 13
            }
        }
    }
}
