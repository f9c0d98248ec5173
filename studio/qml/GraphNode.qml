import QtQuick
import Cepheus.Studio

// One statement on the canvas, a delegate of project.nodes.
//
// Kept light for canvases of a thousand nodes: what the node shows is one
// painted image (NodeFace), so a pan only places images; one MouseArea takes
// the input for the whole node (the ports are regions of it, not items); and
// the tooltip and the rename field belong to the canvas, not to each node.
Item {
    id: node
    objectName: "node." + name

    // Model roles
    required property int nodeId
    required property string name
    required property string kind
    required property string detail
    required property real posX
    required property real posY
    required property int errorCount
    required property int warningCount
    required property string problem
    required property bool selected
    required property var ports
    required property bool hasOutput

    property var project
    property Item canvas

    readonly property int portCount: ports ? ports.length : 0
    // Port labels take a narrow column on the left; the name and detail start after it.
    readonly property real textLeft: face.textLeft
    readonly property bool detailed: canvas ? canvas.detailed : true

    // Where input port `index` sits, from the top edge (NodeListModel::port_y).
    function portY(index) { return 30 + 16 * index }

    // The input port at a point of the node, "" when none is near.
    function portAt(localX, localY) {
        if (localX > textLeft)
            return ""
        for (let i = 0; i < portCount; ++i)
            if (Math.abs(localY - portY(i)) <= 8)
                return ports[i]
        return ""
    }

    function isOverOutput(localX, localY) {
        return hasOutput && localX >= width - 14 && localX <= width + 8 && Math.abs(localY - height / 2) <= 10
    }

    x: posX
    y: posY
    width: 200
    height: 76
    visible: !canvas || canvas.inView(posX, posY, posX + 200, posY + 76)
    // The face is an image: say in words what it shows, for screen readers.
    Accessible.role: Accessible.Button
    Accessible.name: kind + " " + name
    Accessible.description: detail

    Component.onCompleted: if (canvas) canvas.registerNode(node)
    Component.onDestruction: if (canvas) canvas.unregisterNode(node)

    NodeFace {
        id: face
        objectName: "face." + node.name
        x: -margin
        width: node.width + 2 * margin
        height: node.height
        sharpness: node.canvas ? node.canvas.nodeSharpness : 1

        kind: node.kind
        name: node.name
        detail: node.detail
        ports: node.ports || []
        hasOutput: node.hasOutput
        errorCount: node.errorCount
        warningCount: node.warningCount
        selected: node.selected
        detailed: node.detailed
        connecting: node.canvas !== null && node.canvas.connectFromNode === node.nodeId
        targetPort: node.canvas && node.canvas.connectTargetNode === node.nodeId ? node.canvas.connectTargetPort : ""
        targetFits: !node.canvas || node.canvas.connectProblem === ""

        bodyColor: Theme.nodeBody
        borderColor: Theme.nodeBorder
        selectionColor: Theme.selection
        headerColor: Qt.tint(Theme.nodeBody, Theme.kindTint(node.kind))
        kindColor: Theme.kindColor(node.kind)
        textColor: Theme.text
        mutedColor: Theme.mutedText
        faintColor: Theme.faintText
        portColor: Theme.wireHover
        accentColor: Theme.accent
        successColor: Theme.success
        errorColor: Theme.error
        warningColor: Theme.warning
        tinyFontSize: Theme.tinyFontSize
    }

    // Over the problem badge (painted by the face): the canvas shows the problem as a tooltip.
    Item {
        id: badge
        visible: node.errorCount > 0 || node.warningCount > 0
        x: node.width - width - 6
        y: 3
        width: face.badgeWidth
        height: 16

        MouseArea {
            anchors.fill: parent
            anchors.margins: -3
            hoverEnabled: true
            acceptedButtons: Qt.NoButton
            onContainsMouseChanged: {
                if (!node.canvas)
                    return
                if (containsMouse)
                    node.canvas.showTip(node.problem, badge)
                else
                    node.canvas.hideTip(badge)
            }
        }
    }

    // While the test bench runs: the events into and out of this node, under it.
    Rectangle {
        id: countPill
        readonly property var count: node.canvas && node.canvas.showCounts ? node.canvas.bench.counts[node.name] : undefined
        objectName: "count." + node.name
        visible: count !== undefined
        x: 6
        y: node.height + 3
        width: countText.implicitWidth + 12
        height: 18
        radius: 9
        color: Theme.panelHeader
        border.color: Theme.border

        Text {
            id: countText
            anchors.centerIn: parent
            text: !countPill.count ? ""
                : node.kind === "alert" ? qsTr("%1 in · %2 fired").arg(countPill.count["in"]).arg(countPill.count.out)
                : qsTr("%1 in · %2 out").arg(countPill.count["in"]).arg(countPill.count.out)
                  + (countPill.count.dropped > 0 ? qsTr(" · %1 dropped").arg(countPill.count.dropped) : "")
            color: Theme.mutedText
            font.pixelSize: 10
            font.family: Theme.monoFamily
            textFormat: Text.PlainText
        }
    }

    // Press: select (or start a wire from the output port); drag: move the
    // selection as one undo step; double-click: rename in place.
    MouseArea {
        id: mouse
        anchors.fill: parent
        anchors.margins: -6          // the ports stick out of the body
        acceptedButtons: Qt.LeftButton | Qt.MiddleButton

        property string mode: ""     // "move", "connect"
        property bool moved: false
        property bool extend: false
        property bool wasSelected: false
        property point last

        function canvasPoint(mx, my) { return mapToItem(node.canvas, mx, my) }

        onPressed: (event) => {
            // Panning wins over the node: let the press fall through to the canvas.
            if (event.button !== Qt.LeftButton || node.canvas.spaceHeld) {
                event.accepted = false
                return
            }
            node.canvas.forceActiveFocus()   // commits an inspector field before the selection changes
            const local = mapToItem(node, event.x, event.y)
            const at = canvasPoint(event.x, event.y)
            last = at
            moved = false
            if (node.isOverOutput(local.x, local.y)) {
                mode = "connect"
                node.canvas.beginConnect(node.nodeId, at)
                return
            }
            mode = "move"
            extend = (event.modifiers & (Qt.ControlModifier | Qt.ShiftModifier)) !== 0
            wasSelected = node.selected
            if (extend)
                node.project.selectNode(node.nodeId, true)
            else if (!node.selected)
                node.project.selectNode(node.nodeId, false)
        }

        onPositionChanged: (event) => {
            const at = canvasPoint(event.x, event.y)
            if (mode === "connect") {
                node.canvas.updateConnect(at)
                return
            }
            if (mode !== "move" || !node.selected)
                return
            if (!moved && Math.abs(at.x - last.x) + Math.abs(at.y - last.y) < 4)
                return
            const zoom = node.canvas.zoom
            node.project.moveSelection((at.x - last.x) / zoom, (at.y - last.y) / zoom, moved)
            moved = true
            last = at
        }

        onReleased: (event) => {
            if (mode === "connect") {
                node.canvas.finishConnect(canvasPoint(event.x, event.y))
            } else if (mode === "move") {
                if (moved) {
                    if (node.canvas.snapToGrid)
                        node.project.snapSelectionToGrid(20)
                } else if (!extend) {
                    // A plain click on a node of a larger selection keeps only that node.
                    if (wasSelected)
                        node.project.selectNode(node.nodeId, false)
                    node.canvas.nodeClicked(node.nodeId)
                }
            }
            mode = ""
        }

        onCanceled: {
            if (mode === "connect")
                node.canvas.cancelConnect()
            mode = ""
        }

        onDoubleClicked: (event) => {
            if (event.button !== Qt.LeftButton || mode === "connect")
                return
            mode = ""                // the release that follows is not a click
            node.canvas.beginRename(node.nodeId)
        }
    }
}
