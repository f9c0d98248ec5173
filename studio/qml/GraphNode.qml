import QtQuick

// One statement on the canvas, a delegate of project.nodes.
//
// Kept light for canvases of a thousand nodes: plain Rectangles and Texts, no
// layers or effects, one MouseArea for the whole node (the output port is a
// region of it, not an item of its own), and the tooltip and the rename field
// belong to the canvas, not to each node.
Rectangle {
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
    readonly property real textLeft: portCount > 0 ? 54 : 12
    readonly property color kindColor: Theme.kindColor(kind)
    readonly property color headerColor: Qt.tint(Theme.nodeBody, Theme.kindTint(kind))
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
    radius: 6
    color: Theme.nodeBody
    border.width: selected ? 2 : 1
    border.color: selected ? Theme.selection : Theme.nodeBorder

    Component.onCompleted: if (canvas) canvas.registerNode(node)
    Component.onDestruction: if (canvas) canvas.unregisterNode(node)

    // Header strip: an opaque tint of the kind colour (two rectangles give it
    // rounded top corners and a square bottom edge).
    Rectangle {
        id: header
        x: node.border.width
        y: node.border.width
        width: node.width - 2 * node.border.width
        height: 22 - node.border.width
        radius: node.radius - 1
        color: node.headerColor
    }
    Rectangle {
        x: header.x
        y: header.y + header.height - 6
        width: header.width
        height: 6
        color: node.headerColor
    }

    Text {
        x: 10
        y: 1
        height: 21
        width: node.width - 44
        verticalAlignment: Text.AlignVCenter
        text: node.kind
        color: node.kindColor
        font.pixelSize: 12
        font.weight: Font.DemiBold
        font.capitalization: Font.SmallCaps
        font.letterSpacing: 0.4
        textFormat: Text.PlainText
        elide: Text.ElideRight
        visible: node.detailed
    }

    Text {
        x: node.textLeft
        y: 25
        width: node.width - node.textLeft - 10
        text: node.name
        color: Theme.text
        font.pixelSize: 13
        font.bold: true
        textFormat: Text.PlainText
        elide: Text.ElideRight
    }

    Text {
        x: node.textLeft
        y: 46
        width: node.width - node.textLeft - 10
        text: node.detail
        color: Theme.mutedText
        font.pixelSize: 11
        textFormat: Text.PlainText
        elide: Text.ElideRight
        maximumLineCount: 1
        visible: node.detailed
    }

    // Problem badge: errors win over warnings; the canvas shows the tooltip.
    Rectangle {
        id: badge
        visible: node.errorCount > 0 || node.warningCount > 0
        x: node.width - width - 6
        y: 3
        width: Math.max(16, badgeText.implicitWidth + 8)
        height: 16
        radius: 8
        color: node.errorCount > 0 ? Theme.error : Theme.warning

        Text {
            id: badgeText
            anchors.centerIn: parent
            text: node.errorCount > 0 ? node.errorCount : node.warningCount
            color: node.errorCount > 0 ? "#ffffff" : "#2a2100"
            font.pixelSize: 10
            font.bold: true
            textFormat: Text.PlainText
        }

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

    // Input ports, top to bottom, with their names in a narrow left column.
    // (The count, not the list, drives the Repeater: every move of the node
    // hands in an equal new list, and that must not rebuild the ports.)
    Repeater {
        model: node.portCount
        delegate: Item {
            id: port
            required property int index
            readonly property string portName: node.ports[index] || ""
            readonly property bool targeted: node.canvas && node.canvas.connectTargetNode === node.nodeId
                                             && node.canvas.connectTargetPort === portName
            x: 0
            y: node.portY(index)

            Rectangle {
                x: -5
                y: -5
                width: 10
                height: 10
                radius: 5
                color: port.targeted ? (node.canvas.connectProblem === "" ? Theme.success : Theme.error) : Theme.nodeBody
                border.width: 1.5
                border.color: port.targeted ? color : Theme.wireHover
            }
            Text {
                x: 9
                y: -height / 2
                text: port.portName
                color: Theme.faintText
                font.pixelSize: Theme.tinyFontSize
                textFormat: Text.PlainText
                visible: node.detailed
            }
        }
    }

    // Output port, on the right edge at mid height.
    Rectangle {
        visible: node.hasOutput
        x: node.width - 5
        y: node.height / 2 - 5
        width: 10
        height: 10
        radius: 5
        color: node.canvas && node.canvas.connectFromNode === node.nodeId ? Theme.accent : Theme.nodeBody
        border.width: 1.5
        border.color: node.canvas && node.canvas.connectFromNode === node.nodeId ? Theme.accent : Theme.wireHover
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
