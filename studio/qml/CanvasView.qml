import QtQuick
import QtQuick.Controls
import QtQuick.Shapes
import Cepheus.Studio

// The graph canvas: pan and zoom over a world of nodes and wires.
//
// A point of the world shows at (world * zoom + pan) on screen. The world item
// carries the transform, so nodes and wires are laid out in canvas
// coordinates exactly as the models give them. The grid is drawn in screen
// space (crisp one-pixel lines, only those in view). Everything that needs a
// search (which wire is near the cursor, which port is under it) is done here,
// once, on demand, so the delegates stay plain.
Item {
    id: root
    objectName: "canvas"

    required property var project
    // The test bench (TestBench): while it runs, nodes and wires show their event counts.
    property var bench: null
    readonly property bool showCounts: bench !== null && bench.state !== "idle" && bench.state !== "error"

    property real zoom: 1
    property real panX: 40
    property real panY: 40
    property bool snapToGrid: false
    property bool showMinimap: true

    // Wires: the one selected (Delete removes it), the one under the cursor,
    // and the one a palette drag would drop onto.
    property int selectedWire: -1
    property int hoveredWire: -1
    property int dropWire: -1

    // A wire being drawn from an output port.
    property int connectFromNode: -1
    property int connectTargetNode: -1
    property string connectTargetPort: ""
    property string connectProblem: ""
    property real connectX1: 0
    property real connectY1: 0
    property real connectX2: 0
    property real connectY2: 0
    property point connectCursor

    property bool spaceHeld: false
    // Small text is hidden when it could not be read anyway.
    readonly property bool detailed: zoom >= 0.45
    // Wire width in world units, changed in a few steps so a zoom does not redraw every wire.
    readonly property real wireWidth: zoom < 0.35 ? 4 : zoom < 0.7 ? 2.5 : zoom > 1.6 ? 1.25 : 1.75
    readonly property real minZoom: 0.1
    readonly property real maxZoom: 3

    // Only what is near the view is drawn. The area kept is the view grown by half a
    // view on each side, and it moves only when the view leaves it, so most frames of
    // a pan re-evaluate no delegate's visibility.
    property rect cullRect: Qt.rect(0, 0, 0, 0)
    function updateCull() {
        const view = Qt.rect(-panX / zoom, -panY / zoom, width / zoom, height / zoom)
        if (view.x >= cullRect.x && view.y >= cullRect.y && view.x + view.width <= cullRect.x + cullRect.width
                && view.y + view.height <= cullRect.y + cullRect.height)
            return
        cullRect = Qt.rect(view.x - view.width / 2, view.y - view.height / 2, view.width * 2, view.height * 2)
    }
    function inView(left, top, right, bottom) {
        return right >= cullRect.x && left <= cullRect.x + cullRect.width
            && bottom >= cullRect.y && top <= cullRect.y + cullRect.height
    }
    onPanXChanged: updateCull()
    onPanYChanged: updateCull()
    onZoomChanged: {
        updateCull()
        sharpen.restart()
    }

    // The scale nodes paint their images at: the zoom, so that their text is drawn at the
    // size it shows (crisp, as text items would be). It is taken up once a zoom has rested,
    // so that a zoom in progress repaints no node and only scales their images.
    property real nodeSharpness: 1
    Timer {
        id: sharpen
        interval: 150
        onTriggered: root.nodeSharpness = root.zoom
    }

    // nodeId -> GraphNode, kept by the delegates themselves.
    property var nodeItems: ({})
    property bool fitPending: true
    // True while the view is a fit of the whole project: a resize fits again,
    // until the user pans or zooms.
    property bool autoFitted: false

    // A plain click on a node (not a drag, not an extension of the selection).
    signal nodeClicked(int nodeId)

    clip: true
    activeFocusOnTab: true

    // ---- Coordinates ---------------------------------------------------------

    function toWorld(sx, sy) { return Qt.point((sx - panX) / zoom, (sy - panY) / zoom) }
    function visibleCentre() { return toWorld(width / 2, height / 2) }

    function clampZoom(z) { return Math.max(minZoom, Math.min(maxZoom, z)) }

    // Zooms keeping the world point under (sx, sy) where it is.
    function zoomAt(sx, sy, newZoom) {
        autoFitted = false
        const z = clampZoom(newZoom)
        const w = toWorld(sx, sy)
        zoom = z
        panX = sx - w.x * z
        panY = sy - w.y * z
    }

    function zoomIn() { zoomAt(width / 2, height / 2, zoom * 1.25) }
    function zoomOut() { zoomAt(width / 2, height / 2, zoom / 1.25) }

    function fitToView() {
        const b = project.bounds
        if (!b || b.width <= 0 || b.height <= 0 || width <= 0 || height <= 0) {
            zoom = 1
            panX = 40
            panY = 40
            return
        }
        autoFitted = true
        const margin = 48
        const z = clampZoom(Math.min((width - 2 * margin) / b.width, (height - 2 * margin) / b.height, 1))
        zoom = z
        panX = (width - b.width * z) / 2 - b.x * z
        panY = (height - b.height * z) / 2 - b.y * z
    }

    // Fits once per opened project, when the canvas has a size and the project has nodes.
    function tryFit() {
        if (fitPending && project.open && width > 50 && height > 50 && project.nodes.count > 0) {
            fitPending = false
            fitToView()
        }
    }

    function refitAfterResize() {
        if (autoFitted)
            fitToView()
        else
            tryFit()
    }

    function centerOnPoint(wx, wy) {
        autoFitted = false
        panX = width / 2 - wx * zoom
        panY = height / 2 - wy * zoom
    }

    // Brings node `nodeId` to the middle (zooming in when it would be too small to read).
    function centerOn(nodeId) {
        const n = project.nodeAt(nodeId)
        if (!n || n.nodeId === undefined)
            return
        const z = zoom < 0.6 ? 0.9 : zoom
        autoFitted = false
        panAnimation.stop()
        panToX.to = width / 2 - (n.x + 100) * z
        panToY.to = height / 2 - (n.y + 38) * z
        zoomTo.to = z
        panAnimation.start()
    }

    // ---- Delegate registry ------------------------------------------------------

    function registerNode(item) { nodeItems[item.nodeId] = item }
    function unregisterNode(item) { if (nodeItems[item.nodeId] === item) delete nodeItems[item.nodeId] }

    // The nodes as plain rows, for the explorer and the command palette.
    function nodeRows() {
        const rows = []
        for (const id in nodeItems) {
            const n = nodeItems[id]
            rows.push({ nodeId: n.nodeId, name: n.name, kind: n.kind, errorCount: n.errorCount,
                        warningCount: n.warningCount })
        }
        return rows
    }

    // The node under a world point; ports stick out of the left edge, so look a little right too.
    function nodeAtWorld(wx, wy) {
        let item = nodeLayer.childAt(wx, wy)
        if (!item)
            item = nodeLayer.childAt(wx + 6, wy)
        return item && item.nodeId !== undefined ? item : null
    }

    // The wire within `tolerance` (world units) of a world point, or -1.
    function wireAt(wx, wy, tolerance) { return wireLayer.wireAt(wx, wy, tolerance) }
    function wireLabel(wireId) { return wireLayer.wireLabel(wireId) }
    // The node a wire starts from, by name ("" for no such wire).
    function wireFromName(wireId) { return wireLayer.fromName(wireId) }

    // ---- Editing ------------------------------------------------------------------

    function deleteSelection() {
        if (selectedWire >= 0) {
            const wire = selectedWire
            selectedWire = -1
            project.removeWire(wire)
        } else {
            project.deleteSelection()
        }
    }

    function beginRename(nodeId) {
        const item = nodeItems[nodeId]
        if (!item)
            return
        renameField.target = item
        renameField.text = item.name
        renameField.visible = true
        renameField.forceActiveFocus()
        renameField.selectAll()
    }

    function beginConnect(nodeId, at) {
        const item = nodeItems[nodeId]
        if (!item)
            return
        connectFromNode = nodeId
        connectX1 = item.x + item.width
        connectY1 = item.y + item.height / 2
        updateConnect(at)
    }

    function updateConnect(at) {
        if (connectFromNode < 0)
            return
        const w = toWorld(at.x, at.y)
        connectCursor = at
        const item = nodeAtWorld(w.x, w.y)
        if (!item || item.nodeId === connectFromNode) {
            connectTargetNode = -1
            connectTargetPort = ""
            connectProblem = ""
            connectX2 = w.x
            connectY2 = w.y
            return
        }
        if (item.portCount === 0) {
            connectTargetNode = item.nodeId
            connectTargetPort = ""
            connectProblem = qsTr("%1 has no inputs").arg(item.name)
            connectX2 = w.x
            connectY2 = w.y
            return
        }
        let port = item.portAt(w.x - item.x, w.y - item.y)
        if (port === "")
            port = item.ports[0]        // over the body: its first input
        if (item.nodeId !== connectTargetNode || port !== connectTargetPort) {
            connectTargetNode = item.nodeId
            connectTargetPort = port
            connectProblem = project.connectionProblem(connectFromNode, item.nodeId, port)
        }
        connectX2 = item.x
        connectY2 = item.y + item.portY(item.ports.indexOf(port))
    }

    function finishConnect(at) {
        if (connectFromNode < 0)
            return
        updateConnect(at)
        // A refused wire still goes to the document, which says why in the status bar.
        if (connectTargetNode >= 0 && connectTargetPort !== "")
            project.connectNodes(connectFromNode, connectTargetNode, connectTargetPort)
        cancelConnect()
    }

    function cancelConnect() {
        connectFromNode = -1
        connectTargetNode = -1
        connectTargetPort = ""
        connectProblem = ""
    }

    // ---- One tooltip for the whole canvas ----------------------------------------

    property Item tipOwner: null
    function showTip(text, item) {
        if (!text)
            return
        const p = item.mapToItem(root, item.width / 2, item.height)
        tipOwner = item
        tip.text = text
        tip.x = p.x - 12
        tip.y = p.y + 6
        tip.visible = true
    }
    function hideTip(item) {
        if (item === undefined || tipOwner === item) {
            tip.visible = false
            tipOwner = null
        }
    }

    // ---- Keeping in step with the document ---------------------------------------

    Connections {
        target: root.project
        function onFolderChanged() {
            root.fitPending = root.project.open
            root.autoFitted = false
            root.selectedWire = -1
            root.cancelConnect()
            Qt.callLater(root.tryFit)
        }
        function onSelectionChanged() {
            if (root.project.selection.length > 0)
                root.selectedWire = -1
        }
    }
    Connections {
        target: root.project.nodes
        function onCountChanged() { Qt.callLater(root.tryFit) }
    }
    Connections {
        target: root.project.wires
        function onCountChanged() {
            if (root.selectedWire >= 0 && !wireLayer.hasWire(root.selectedWire))
                root.selectedWire = -1
        }
    }
    onWidthChanged: {
        updateCull()
        Qt.callLater(refitAfterResize)
    }
    onHeightChanged: {
        updateCull()
        Qt.callLater(refitAfterResize)
    }

    ParallelAnimation {
        id: panAnimation
        NumberAnimation { id: panToX; target: root; property: "panX"; duration: 180; easing.type: Easing.OutCubic }
        NumberAnimation { id: panToY; target: root; property: "panY"; duration: 180; easing.type: Easing.OutCubic }
        NumberAnimation { id: zoomTo; target: root; property: "zoom"; duration: 180; easing.type: Easing.OutCubic }
    }

    // ---- Keyboard -------------------------------------------------------------------

    Keys.onPressed: (event) => {
        if (event.key === Qt.Key_Space) {
            if (!event.isAutoRepeat)
                spaceHeld = true
            event.accepted = true
        } else if (event.key === Qt.Key_Escape) {
            if (connectFromNode >= 0)
                cancelConnect()
            else if (selectedWire >= 0)
                selectedWire = -1
            else
                project.clearSelection()
            event.accepted = true
        } else if (event.key === Qt.Key_Left || event.key === Qt.Key_Right
                   || event.key === Qt.Key_Up || event.key === Qt.Key_Down) {
            // Nudge the selection (a held key is one undo step), or pan when nothing is selected.
            const step = (event.modifiers & Qt.ShiftModifier) ? 20 : 2
            const dx = event.key === Qt.Key_Left ? -step : event.key === Qt.Key_Right ? step : 0
            const dy = event.key === Qt.Key_Up ? -step : event.key === Qt.Key_Down ? step : 0
            if (project.selection.length > 0) {
                project.moveSelection(dx, dy, event.isAutoRepeat)
            } else {
                autoFitted = false
                panX -= dx * 20
                panY -= dy * 20
            }
            event.accepted = true
        }
    }
    Keys.onReleased: (event) => {
        if (event.key === Qt.Key_Space && !event.isAutoRepeat) {
            spaceHeld = false
            event.accepted = true
        }
    }
    onActiveFocusChanged: if (!activeFocus) spaceHeld = false

    // ---- Drawing --------------------------------------------------------------------

    // The background and the grid: a line every `step` world units (20, or 100 and
    // 500 when zoomed far out), a stronger one every five. One image, placed at the
    // pan modulo a major step, so a pan moves it and only a zoom paints it again.
    GridLayer {
        id: grid
        objectName: "gridLayer"
        readonly property real step: root.zoom * 20 >= 8 ? 20 : root.zoom * 100 >= 8 ? 100 : 500
        readonly property real period: step * 5 * root.zoom   // screen pixels between major lines
        function below(value) { return ((value % period) + period) % period - period }

        x: Math.round(below(root.panX))
        y: Math.round(below(root.panY))
        width: root.width + period + 1
        height: root.height + period + 1
        spacing: step * root.zoom
        majorEvery: 5
        background: Theme.canvas
        minorColor: Theme.gridMinor
        majorColor: Theme.gridMajor
    }

    // The empty background: pan, rubber band, clicks on wires, hover over wires, wheel zoom.
    MouseArea {
        id: background
        anchors.fill: parent
        acceptedButtons: Qt.LeftButton | Qt.MiddleButton
        hoverEnabled: true
        cursorShape: mode === "pan" ? Qt.ClosedHandCursor
                   : root.spaceHeld ? Qt.OpenHandCursor
                   : root.hoveredWire >= 0 ? Qt.PointingHandCursor : Qt.ArrowCursor

        property string mode: ""          // "pan", "band"
        property point pressAt
        property point startPan
        property bool extend: false
        property point lastHover

        onPressed: (event) => {
            root.forceActiveFocus()
            root.hideTip()
            pressAt = Qt.point(event.x, event.y)
            if (event.button === Qt.MiddleButton || root.spaceHeld || (event.modifiers & Qt.AltModifier)) {
                mode = "pan"
                root.autoFitted = false
                panAnimation.stop()
                startPan = Qt.point(root.panX, root.panY)
                return
            }
            mode = "band"
            extend = (event.modifiers & (Qt.ShiftModifier | Qt.ControlModifier)) !== 0
        }

        onPositionChanged: (event) => {
            if (mode === "pan") {
                root.panX = startPan.x + event.x - pressAt.x
                root.panY = startPan.y + event.y - pressAt.y
            } else if (mode === "band") {
                band.x = Math.min(pressAt.x, event.x)
                band.y = Math.min(pressAt.y, event.y)
                band.width = Math.abs(event.x - pressAt.x)
                band.height = Math.abs(event.y - pressAt.y)
                band.visible = band.width > 3 || band.height > 3
            } else if (Math.abs(event.x - lastHover.x) + Math.abs(event.y - lastHover.y) > 2) {
                // Hover: the wire near the cursor, unless a node is in front of it.
                lastHover = Qt.point(event.x, event.y)
                const w = root.toWorld(event.x, event.y)
                const wire = root.nodeAtWorld(w.x, w.y) ? -1 : root.wireAt(w.x, w.y, 7 / root.zoom)
                if (wire !== root.hoveredWire) {
                    root.hoveredWire = wire
                    if (wire >= 0) {
                        root.tipOwner = background
                        tip.text = root.wireLabel(wire)
                        tip.x = event.x + 12
                        tip.y = event.y + 16
                        tip.visible = true
                    } else {
                        root.hideTip(background)
                    }
                }
            }
        }

        onReleased: (event) => {
            if (mode === "band") {
                if (band.visible) {
                    const a = root.toWorld(band.x, band.y)
                    root.project.selectInRect(a.x, a.y, band.width / root.zoom, band.height / root.zoom, extend)
                    root.selectedWire = -1
                } else {
                    // A click: on a wire selects it, on nothing clears the selection.
                    const w = root.toWorld(event.x, event.y)
                    const wire = root.wireAt(w.x, w.y, 7 / root.zoom)
                    if (!extend)
                        root.project.clearSelection()
                    root.selectedWire = wire
                }
            }
            band.visible = false
            mode = ""
        }

        onCanceled: {
            band.visible = false
            mode = ""
        }

        onExited: {
            root.hoveredWire = -1
            root.hideTip(background)
        }

        onWheel: (wheel) => {
            panAnimation.stop()
            const notches = wheel.angleDelta.y !== 0 ? wheel.angleDelta.y / 120 : wheel.pixelDelta.y / 60
            if (notches !== 0)
                root.zoomAt(wheel.x, wheel.y, root.zoom * Math.pow(1.15, notches))
            if (wheel.angleDelta.x !== 0)
                root.panX += wheel.angleDelta.x / 2
        }
    }

    // The wires, painted in screen coordinates under the world's nodes: the
    // settled ones, and those of the selected nodes, which a drag moves.
    component Wires: WireLayer {
        wires: root.project.wires
        liveNodes: root.project.selection
        zoom: root.zoom
        panX: root.panX
        panY: root.panY
        viewWidth: root.width
        viewHeight: root.height
        wireWidth: root.wireWidth
        wireColor: Theme.wire
        hotColor: Theme.wireHover
        selectionColor: Theme.selection
        selectedWire: root.selectedWire
        hoveredWire: root.hoveredWire
        dropWire: root.dropWire
    }
    Wires {
        id: wireLayer
        objectName: "wireLayer"
    }
    Wires {
        objectName: "liveWireLayer"
        part: WireLayer.Live
    }

    // The world: wire counts, the wire being drawn, the nodes, then the rename field.
    Item {
        id: world
        x: root.panX
        y: root.panY
        scale: root.zoom
        transformOrigin: Item.TopLeft

        // While the test bench runs: the events that went along each wire, at its middle
        // (a wire's Bezier passes through the midpoint of its ends).
        Repeater {
            model: root.showCounts ? root.project.wires : 0
            delegate: Rectangle {
                required property string fromName
                required property string toName
                required property real x1
                required property real y1
                required property real x2
                required property real y2
                readonly property var count: root.bench.counts[fromName]
                objectName: "wireCount." + fromName + "." + toName
                visible: count !== undefined
                x: (x1 + x2) / 2 - width / 2
                y: (y1 + y2) / 2 - height / 2
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

        Shape {
            id: preview
            visible: root.connectFromNode >= 0
            readonly property real reach: Math.max(60, Math.abs(root.connectX2 - root.connectX1) / 2)

            ShapePath {
                strokeColor: root.connectTargetNode < 0 ? Theme.accent
                           : root.connectProblem === "" ? Theme.success : Theme.error
                strokeWidth: 2
                strokeStyle: root.connectTargetNode < 0 ? ShapePath.DashLine : ShapePath.SolidLine
                dashPattern: [4, 3]
                fillColor: "transparent"
                startX: root.connectX1
                startY: root.connectY1
                PathCubic {
                    control1X: root.connectX1 + preview.reach
                    control1Y: root.connectY1
                    control2X: root.connectX2 - preview.reach
                    control2Y: root.connectY2
                    x: root.connectX2
                    y: root.connectY2
                }
            }
        }

        Item {
            id: nodeLayer
            objectName: "nodeLayer"
            Repeater {
                model: root.project.nodes
                delegate: GraphNode {
                    canvas: root
                    project: root.project
                }
            }
        }

        // Rename in place: over the name of the node, following it if it moves.
        TextField {
            id: renameField
            property Item target: null
            visible: false
            x: target ? target.x + target.textLeft - 6 : 0
            y: target ? target.y + 22 : 0
            width: target ? target.width - target.textLeft : 120
            height: 26
            leftPadding: 5
            rightPadding: 5
            topPadding: 2
            bottomPadding: 2
            font.pixelSize: 13
            font.bold: true
            selectByMouse: true

            function finish() {
                visible = false
                target = null
                root.forceActiveFocus()
            }
            onTargetChanged: if (!target) visible = false
            onAccepted: {
                if (!target)
                    return
                // A refused name keeps the field open; the status bar says why.
                if (root.project.renameNode(target.nodeId, text.trim()))
                    finish()
            }
            Keys.onEscapePressed: finish()
            onActiveFocusChanged: if (!activeFocus && visible) { visible = false; target = null }
        }
    }

    // Rubber band, in screen space so its border stays one pixel.
    Rectangle {
        id: band
        visible: false
        color: Theme.selectionFill
        border.color: Theme.selection
        border.width: 1
    }

    // What the wire being drawn would do, next to the cursor.
    Rectangle {
        visible: root.connectFromNode >= 0 && root.connectTargetNode >= 0
        x: root.connectCursor.x + 14
        y: root.connectCursor.y + 14
        width: connectText.implicitWidth + 16
        height: connectText.implicitHeight + 8
        radius: Theme.radius
        color: Theme.panel
        border.color: root.connectProblem === "" ? Theme.success : Theme.error

        Text {
            id: connectText
            anchors.centerIn: parent
            text: root.connectProblem !== "" ? root.connectProblem
                  : qsTr("Connect to %1 \u00b7 %2").arg(root.nodeItems[root.connectTargetNode]
                                                        ? root.nodeItems[root.connectTargetNode].name : "")
                                                   .arg(root.connectTargetPort)
            color: root.connectProblem === "" ? Theme.text : Theme.error
            font.pixelSize: 12
            textFormat: Text.PlainText
        }
    }

    // Palette drops: on a wire, the new node goes between its ends; elsewhere, where it was dropped.
    DropArea {
        anchors.fill: parent
        keys: ["cepheus/kind"]

        function kindOf(drag) {
            if (drag.source && drag.source.dragKind)
                return drag.source.dragKind
            return drag.getDataAsString("cepheus/kind")
        }

        onPositionChanged: (drag) => {
            const w = root.toWorld(drag.x, drag.y)
            root.dropWire = root.wireAt(w.x, w.y, 8 / root.zoom)
        }
        onExited: root.dropWire = -1
        onDropped: (drop) => {
            const kind = kindOf(drop)
            const w = root.toWorld(drop.x, drop.y)
            const wire = root.wireAt(w.x, w.y, 8 / root.zoom)
            root.dropWire = -1
            if (!kind)
                return
            // The drop point is the new node's centre.
            if (wire >= 0)
                root.project.insertOnWire(wire, kind, w.x - 100, w.y - 38)
            else
                root.project.addNode(kind, w.x - 100, w.y - 38)
            drop.accept(Qt.CopyAction)
            root.forceActiveFocus()
        }
    }

    // An empty project says how to start.
    Column {
        anchors.centerIn: parent
        spacing: 6
        visible: root.project.open && root.project.nodes.count === 0
        Text {
            anchors.horizontalCenter: parent.horizontalCenter
            text: qsTr("This project has no statements yet")
            color: Theme.mutedText
            font.pixelSize: 15
        }
        Text {
            anchors.horizontalCenter: parent.horizontalCenter
            text: qsTr("Drag a node from the palette, or type rules in the editor below.")
            color: Theme.faintText
            font.pixelSize: 13
        }
    }

    // Zoom controls, bottom left.
    Rectangle {
        anchors.left: parent.left
        anchors.bottom: parent.bottom
        anchors.margins: 12
        width: zoomRow.implicitWidth + 8
        height: 30
        radius: Theme.radius
        color: Theme.panel
        border.color: Theme.border

        Row {
            id: zoomRow
            anchors.centerIn: parent
            spacing: 2
            ToolButton {
                width: 26; height: 24
                text: "\u2212"
                focusPolicy: Qt.NoFocus
                onClicked: root.zoomOut()
                ToolTip.text: qsTr("Zoom out")
                ToolTip.visible: hovered
                ToolTip.delay: 500
            }
            Text {
                width: 48
                height: 24
                text: Math.round(root.zoom * 100) + " %"
                color: Theme.mutedText
                font.pixelSize: 12
                horizontalAlignment: Text.AlignHCenter
                verticalAlignment: Text.AlignVCenter
            }
            ToolButton {
                width: 26; height: 24
                text: "+"
                focusPolicy: Qt.NoFocus
                onClicked: root.zoomIn()
                ToolTip.text: qsTr("Zoom in")
                ToolTip.visible: hovered
                ToolTip.delay: 500
            }
            ToolButton {
                width: 36; height: 24
                text: qsTr("Fit")
                focusPolicy: Qt.NoFocus
                onClicked: root.fitToView()
                ToolTip.text: qsTr("Fit to view")
                ToolTip.visible: hovered
                ToolTip.delay: 500
            }
        }
    }

    Minimap {
        anchors.right: parent.right
        anchors.bottom: parent.bottom
        anchors.margins: 12
        canvas: root
        project: root.project
        visible: root.showMinimap && root.project.nodes.count > 0
    }

    // Keyboard focus, drawn faintly so it does not compete with the selection.
    Rectangle {
        anchors.fill: parent
        color: "transparent"
        border.width: 1
        border.color: Qt.rgba(Theme.accent.r, Theme.accent.g, Theme.accent.b, 0.45)
        visible: root.activeFocus
    }

    ToolTip {
        id: tip
        delay: 300
        timeout: -1
    }
}
