import QtQuick
import QtTest
import Cepheus.Studio

// The canvas: nodes and wires from the document, selection, moves as one undo
// step, zoom on a point, fit to view, wires refused with a reason.
Item {
    id: root
    width: 1200
    height: 800

    ProjectDocument { id: project }

    CanvasView {
        id: canvas
        anchors.fill: parent
        project: project
    }

    TestCase {
        name: "Canvas"
        when: windowShown

        function init() {
            verify(project.openFolder(LaunchOptions.templatesFolder + "/predictive-maintenance"))
            canvas.fitToView()
            waitForRendering(canvas)
        }
        function cleanup() {
            project.close()
        }

        function node(name) {
            const item = findChild(canvas, "node." + name)
            verify(item !== null, name)
            return item
        }

        function test_draws_every_node_and_wire() {
            compare(project.nodes.count, 15)
            for (const name of ["Reading", "readings", "overheating", "overheated", "device_state", "limit_feed"])
                node(name)
            compare(project.wires.count, 15)
        }

        // The wire layer, once the zoom has rested and it has widened to its whole area.
        function restedWireLayer() {
            const layer = findChild(canvas, "wireLayer")
            verify(layer !== null)
            wait(300)
            waitForRendering(canvas)
            return layer
        }

        function test_a_pan_moves_the_painted_wires_until_the_view_leaves_them() {
            const layer = restedWireLayer()
            const painted = layer.paintCount
            canvas.panX += 40
            canvas.panY -= 30
            waitForRendering(canvas)
            compare(layer.paintCount, painted)
            canvas.panX += canvas.width
            tryVerify(() => layer.paintCount > painted)
        }

        function test_a_zoom_scales_the_painted_wires_until_it_rests() {
            const layer = restedWireLayer()
            const painted = layer.paintCount
            layer.restInterval = 2000   // a frame on a loaded machine may take longer than the usual rest
            canvas.zoom = canvas.zoom * 1.1
            waitForRendering(canvas)
            compare(layer.paintCount, painted)
            fuzzyCompare(layer.scale, 1.1, 0.001)
            tryVerify(() => layer.paintCount > painted)   // at the new zoom, once it rested
            compare(layer.scale, 1)
            layer.restInterval = 150
            canvas.zoom = canvas.zoom / 4                 // past what scaling may stand in for
            waitForRendering(canvas)
            compare(layer.scale, 1)
        }

        function test_a_pan_moves_the_node_images_and_the_grid_without_painting_them() {
            const face = findChild(canvas, "face.readings"), grid = findChild(canvas, "gridLayer")
            verify(face !== null && grid !== null)
            restedWireLayer()
            const faces = face.paintCount, grids = grid.paintCount
            canvas.panX += 37
            canvas.panY -= 23
            waitForRendering(canvas)
            compare(face.paintCount, faces)
            compare(grid.paintCount, grids)
            // The grid still lies on the world's lines: a major line at world x 0 shows at panX.
            const period = grid.spacing * grid.majorEvery
            compare(Math.abs((canvas.panX - grid.x) % period) < 1 || Math.abs((canvas.panX - grid.x) % period - period) < 1,
                    true)
            canvas.zoom = canvas.zoom * 1.5
            tryVerify(() => grid.paintCount > grids)
            tryVerify(() => face.paintCount > faces)   // sharp again at the new zoom, once it rested
            compare(face.sharpness, canvas.zoom)
        }

        function test_a_node_paints_again_when_what_it_shows_changes() {
            const face = findChild(canvas, "face.readings")
            restedWireLayer()
            const before = face.paintCount
            verify(!face.selected)
            mouseClick(node("readings"))
            verify(face.selected)
            tryVerify(() => face.paintCount > before)
            compare(face.name, "readings")
            compare(face.ports, ["schema"])
            verify(face.hasOutput)
            compare(node("readings").Accessible.name, "source readings")   // the image, in words
            // The badge's tooltip region follows the painted badge: none without problems, wider for more digits.
            compare(face.badgeWidth, 0)
            face.errorCount = 1
            compare(face.badgeWidth, 16)
            face.errorCount = 1234
            verify(face.badgeWidth > 16)
        }

        function test_a_wire_is_picked_where_it_is_drawn() {
            const from = node("readings"), to = node("overheating")
            // A wire's curve passes through the midpoint of its ends (output port, first input port).
            const x = (from.posX + from.width + to.posX) / 2, y = (from.posY + from.height / 2 + to.posY + to.portY(0)) / 2
            const wire = canvas.wireAt(x, y, 4)
            verify(wire >= 0)
            verify(canvas.wireLabel(wire).startsWith("readings \u2192 overheating"), canvas.wireLabel(wire))
            compare(canvas.wireFromName(wire), "readings")
            compare(canvas.wireAt(x, y + 200, 4), -1)
        }

        function test_moving_a_selected_node_repaints_only_its_wires() {
            mouseClick(node("readings"))
            const layer = restedWireLayer()
            const live = findChild(canvas, "liveWireLayer")
            const settled = layer.paintCount, moving = live.paintCount
            project.moveSelection(20, 10, false)
            tryVerify(() => live.paintCount > moving)
            compare(layer.paintCount, settled)
            project.undo()
        }

        function test_click_selects_and_ctrl_click_extends() {
            mouseClick(node("readings"))
            compare(project.selectedNode, node("readings").nodeId)
            mouseClick(node("overheating"), 100, 40, Qt.LeftButton, Qt.ControlModifier)
            compare(project.selection.length, 2)
            mouseClick(canvas, 5, canvas.height - 5)
            compare(project.selection.length, 0)
        }

        function test_a_drag_moves_the_node_in_one_undo_step() {
            const item = node("readings")
            const before = Qt.point(item.posX, item.posY)
            const steps = project.canUndo
            mouseDrag(item, 100, 40, 80 , 60)
            tryVerify(() => node("readings").posX > before.x + 20)
            verify(project.canUndo)
            project.undo()
            tryCompare(node("readings"), "posX", before.x)
            compare(node("readings").posY, before.y)
        }

        function test_zoom_keeps_the_point_under_the_cursor() {
            const before = canvas.toWorld(300, 200)
            canvas.zoomAt(300, 200, canvas.zoom * 2)
            const after = canvas.toWorld(300, 200)
            fuzzyCompare(after.x, before.x, 0.01)
            fuzzyCompare(after.y, before.y, 0.01)
            canvas.fitToView()
            const bounds = project.bounds
            const topLeft = canvas.toWorld(0, 0)
            verify(topLeft.x <= bounds.x && topLeft.y <= bounds.y)
        }

        function test_an_impossible_wire_is_refused_with_its_reason() {
            const reason = project.connectionProblem(node("devices").nodeId, node("over_limit").nodeId, "input")
            verify(reason.indexOf("join port") >= 0, reason)
            compare(project.connectionProblem(node("maintenance").nodeId, node("over_limit").nodeId, "input"), "")
        }

        function test_delete_removes_the_selection_and_undo_brings_it_back() {
            mouseClick(node("limit_feed"))
            canvas.forceActiveFocus()
            canvas.deleteSelection()
            compare(project.nodes.count, 14)
            compare(findChild(canvas, "node.limit_feed"), null)
            project.undo()
            compare(project.nodes.count, 15)
            node("limit_feed")
        }
    }
}
