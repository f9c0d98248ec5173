import QtQuick
import QtQuick.Shapes

// One wire, a delegate of project.wires: a cubic Bezier from an output port to
// an input port with horizontal tangents. The ends come from the model in
// canvas coordinates. The Shape covers just the curve's hull (the curve lies
// in the hull of its control points) so the renderer knows its bounds.
// Picking and the tooltip are done by the canvas, not here.
Shape {
    id: wire

    required property int wireId
    required property int fromNode
    required property int toNode
    required property string fromName
    required property string toName
    required property string port
    required property real x1
    required property real y1
    required property real x2
    required property real y2

    property Item canvas

    // Control points sit this far out from each end, horizontally.
    readonly property real reach: Math.max(60, Math.abs(x2 - x1) / 2)
    readonly property real hullLeft: Math.min(x1, x2 - reach) - 4
    readonly property real hullRight: Math.max(x1 + reach, x2) + 4
    readonly property real hullTop: Math.min(y1, y2) - 4
    readonly property real hullBottom: Math.max(y1, y2) + 4

    readonly property bool selected: canvas && canvas.selectedWire === wireId
    readonly property bool hot: canvas && (canvas.hoveredWire === wireId || canvas.dropWire === wireId)

    x: hullLeft
    y: hullTop
    visible: !canvas || canvas.inView(hullLeft, hullTop, hullRight, hullBottom)
    width: hullRight - hullLeft
    height: hullBottom - hullTop

    Component.onCompleted: if (canvas) canvas.registerWire(wire)
    Component.onDestruction: if (canvas) canvas.unregisterWire(wire)

    ShapePath {
        strokeColor: wire.selected ? Theme.selection : (wire.hot ? Theme.wireHover : Theme.wire)
        strokeWidth: (wire.canvas ? wire.canvas.wireWidth : 2) + (wire.selected || wire.hot ? 1 : 0)
        fillColor: "transparent"
        capStyle: ShapePath.RoundCap
        startX: wire.x1 - wire.hullLeft
        startY: wire.y1 - wire.hullTop

        PathCubic {
            control1X: wire.x1 + wire.reach - wire.hullLeft
            control1Y: wire.y1 - wire.hullTop
            control2X: wire.x2 - wire.reach - wire.hullLeft
            control2Y: wire.y2 - wire.hullTop
            x: wire.x2 - wire.hullLeft
            y: wire.y2 - wire.hullTop
        }
    }

    // While the test bench runs: the events that went along this wire, at its middle
    // (a Bezier with these control points passes through the midpoint of its ends).
    Rectangle {
        readonly property var count: wire.canvas && wire.canvas.showCounts ? wire.canvas.bench.counts[wire.fromName] : undefined
        objectName: "wireCount." + wire.fromName + "." + wire.toName
        visible: count !== undefined
        x: (wire.x1 + wire.x2) / 2 - wire.hullLeft - width / 2
        y: (wire.y1 + wire.y2) / 2 - wire.hullTop - height / 2
        width: wireCountText.implicitWidth + 10
        height: 16
        radius: 8
        color: Theme.accent

        Text {
            id: wireCountText
            anchors.centerIn: parent
            text: parent.count ? parent.count.out : ""
            color: Theme.accentText
            font.pixelSize: 10
            font.bold: true
            textFormat: Text.PlainText
        }
    }
}
