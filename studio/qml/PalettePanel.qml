import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Cepheus.Studio

// The statement kinds that can be put on the canvas, grouped (inputs,
// processing, outputs). Drag a tile onto the canvas (or onto a wire), or
// double-click it to add the node in the middle of the view.
//
// The drag uses one proxy item on top of the window, moved by the tile's
// MouseArea: an internal drag, which works the same with any platform
// (offscreen included), unlike a system drag.
Rectangle {
    id: root

    // A double-click on a tile: add a node of `kind` where the user looks.
    signal addRequested(string kind)

    color: Theme.panel

    PaletteModel { id: paletteModel }

    function matches(title, description) {
        const wanted = filter.text.trim().toLowerCase()
        return wanted === "" || title.toLowerCase().indexOf(wanted) >= 0 || description.toLowerCase().indexOf(wanted) >= 0
    }

    ColumnLayout {
        anchors.fill: parent
        spacing: 0

        PanelHeader {
            title: qsTr("Palette")
            Layout.fillWidth: true
        }

        TextField {
            id: filter
            objectName: "palette.filter"
            placeholderText: qsTr("Filter nodes")
            selectByMouse: true
            Layout.fillWidth: true
            Layout.margins: Theme.spacing
            Keys.onEscapePressed: text = ""
        }

        ListView {
            id: list
            model: paletteModel
            clip: true
            boundsBehavior: Flickable.StopAtBounds
            Layout.fillWidth: true
            Layout.fillHeight: true
            ScrollBar.vertical: ScrollBar {}

            section.property: "group"
            section.delegate: Text {
                required property string section
                width: ListView.view.width
                height: 28
                leftPadding: 12
                verticalAlignment: Text.AlignBottom
                bottomPadding: 4
                text: section
                color: Theme.faintText
                font.pixelSize: Theme.smallFontSize
                font.weight: Font.DemiBold
                font.capitalization: Font.AllUppercase
                font.letterSpacing: 0.6
            }

            delegate: Item {
                id: tile
                objectName: "palette." + kind
                required property string kind
                required property string title
                required property string description
                required property string group

                readonly property bool shown: root.matches(title, description)
                width: ListView.view.width
                height: shown ? 52 : 0
                visible: shown

                Rectangle {
                    anchors.fill: parent
                    anchors.leftMargin: Theme.spacing
                    anchors.rightMargin: Theme.spacing
                    anchors.topMargin: 2
                    anchors.bottomMargin: 2
                    radius: Theme.radius
                    color: tileMouse.containsMouse ? Theme.hover : Theme.base
                    border.color: Theme.border

                    Rectangle {
                        x: 0
                        width: 3
                        height: parent.height
                        radius: 1.5
                        color: Theme.kindColor(tile.kind)
                    }

                    Column {
                        anchors.left: parent.left
                        anchors.right: parent.right
                        anchors.verticalCenter: parent.verticalCenter
                        anchors.leftMargin: 12
                        anchors.rightMargin: Theme.spacing
                        spacing: 2
                        Text {
                            width: parent.width
                            text: tile.title
                            color: Theme.text
                            font.pixelSize: 13
                            font.weight: Font.DemiBold
                            elide: Text.ElideRight
                            textFormat: Text.PlainText
                        }
                        Text {
                            width: parent.width
                            text: tile.description
                            color: Theme.mutedText
                            font.pixelSize: Theme.smallFontSize
                            elide: Text.ElideRight
                            textFormat: Text.PlainText
                        }
                    }
                }

                MouseArea {
                    id: tileMouse
                    anchors.fill: parent
                    hoverEnabled: true
                    preventStealing: true        // the list must not flick while a tile is dragged
                    cursorShape: drag.active ? Qt.ClosedHandCursor : Qt.OpenHandCursor
                    drag.target: proxy
                    drag.threshold: 4

                    ToolTip.visible: containsMouse && !drag.active
                    ToolTip.delay: 700
                    ToolTip.text: tile.description + "\n" + qsTr("Drag onto the canvas, or double-click to add.")

                    onPressed: (event) => {
                        // Lift the proxy to the window's root item, above every panel,
                        // and put it under the cursor; the drag moves it from there.
                        if (proxy.parent !== tile.Window.contentItem)
                            proxy.parent = tile.Window.contentItem
                        const p = mapToItem(proxy.parent, event.x, event.y)
                        proxy.dragKind = tile.kind
                        proxy.dragTitle = tile.title
                        proxy.x = p.x - proxy.width / 2
                        proxy.y = p.y - proxy.height / 2
                    }
                    onPositionChanged: {
                        if (drag.active && !proxy.Drag.active)
                            proxy.Drag.active = true
                    }
                    onReleased: {
                        if (proxy.Drag.active)
                            proxy.Drag.drop()
                        proxy.Drag.active = false
                    }
                    onCanceled: proxy.Drag.active = false
                    onDoubleClicked: root.addRequested(tile.kind)
                }
            }
        }
    }

    // What is being dragged: a chip that follows the cursor (reparented on press).
    Rectangle {
        id: proxy
        property string dragKind
        property string dragTitle
        visible: Drag.active
        width: 168
        height: 34
        radius: Theme.radius
        color: Theme.nodeBody
        border.color: Theme.kindColor(dragKind)
        border.width: 1.5
        opacity: 0.92
        z: 1000

        Drag.dragType: Drag.Internal
        Drag.keys: ["cepheus/kind"]
        Drag.mimeData: ({ "cepheus/kind": proxy.dragKind })
        Drag.hotSpot.x: width / 2
        Drag.hotSpot.y: height / 2
        Drag.supportedActions: Qt.CopyAction
        Drag.proposedAction: Qt.CopyAction

        Rectangle {
            x: 0
            width: 4
            height: parent.height
            radius: 2
            color: Theme.kindColor(proxy.dragKind)
        }
        Text {
            anchors.fill: parent
            anchors.leftMargin: 12
            anchors.rightMargin: 8
            verticalAlignment: Text.AlignVCenter
            text: proxy.dragTitle
            color: Theme.text
            font.pixelSize: 13
            font.weight: Font.DemiBold
            elide: Text.ElideRight
        }
    }
}
