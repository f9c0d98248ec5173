import QtQuick

// An overview of the whole graph: every node as a small block in its kind's
// colour, and the part the canvas shows as a frame. Clicking or dragging in it
// moves the canvas there.
Rectangle {
    id: root

    property var project
    property Item canvas

    // The world area shown: the nodes' bounds with a margin.
    readonly property rect area: {
        const b = project.bounds
        return b && b.width > 0 ? Qt.rect(b.x - 100, b.y - 100, b.width + 200, b.height + 200)
                                : Qt.rect(0, 0, 1000, 700)
    }
    readonly property real inset: 6
    readonly property real scaleFactor: Math.min((width - 2 * inset) / area.width, (height - 2 * inset) / area.height)
    // Centres the scaled area in the box.
    readonly property real offsetX: (width - area.width * scaleFactor) / 2
    readonly property real offsetY: (height - area.height * scaleFactor) / 2

    function toMap(wx, wy) { return Qt.point(offsetX + (wx - area.x) * scaleFactor, offsetY + (wy - area.y) * scaleFactor) }
    function toWorld(mx, my) { return Qt.point(area.x + (mx - offsetX) / scaleFactor, area.y + (my - offsetY) / scaleFactor) }

    width: 200
    height: 140
    radius: Theme.radius
    color: Theme.panel
    border.color: Theme.border
    opacity: 0.96

    Item {
        anchors.fill: parent
        anchors.margins: 1
        clip: true

        Repeater {
            model: root.project.nodes
            delegate: Rectangle {
                required property real posX
                required property real posY
                required property string kind
                required property bool selected
                x: root.offsetX + (posX - root.area.x) * root.scaleFactor - 1
                y: root.offsetY + (posY - root.area.y) * root.scaleFactor - 1
                width: Math.max(2, 200 * root.scaleFactor)
                height: Math.max(2, 76 * root.scaleFactor)
                color: selected ? Theme.selection : Theme.kindColor(kind)
                opacity: selected ? 1 : 0.75
            }
        }

        // The canvas's viewport.
        Rectangle {
            readonly property point topLeft: root.canvas ? root.toMap(-root.canvas.panX / root.canvas.zoom,
                                                                      -root.canvas.panY / root.canvas.zoom)
                                                         : Qt.point(0, 0)
            x: topLeft.x - 1
            y: topLeft.y - 1
            width: root.canvas ? root.canvas.width / root.canvas.zoom * root.scaleFactor : 0
            height: root.canvas ? root.canvas.height / root.canvas.zoom * root.scaleFactor : 0
            color: Theme.selectionFill
            border.color: Theme.accent
            border.width: 1
        }
    }

    MouseArea {
        anchors.fill: parent
        cursorShape: Qt.PointingHandCursor
        preventStealing: true
        function moveTo(mx, my) {
            const w = root.toWorld(mx, my)
            root.canvas.centerOnPoint(w.x, w.y)
        }
        onPressed: (event) => moveTo(event.x, event.y)
        onPositionChanged: (event) => { if (pressed) moveTo(event.x, event.y) }
        onWheel: (wheel) => { wheel.accepted = true }   // the canvas under it must not zoom
    }
}
