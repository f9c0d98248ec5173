import QtQuick
import QtQuick.Controls

// The open project: explorer and palette on the left; canvas, rule text and
// problems in the middle; the inspector on the right. Every panel can be
// resized by its split handle and hidden from the View menu (the show*
// properties). The panels talk to each other only through this file.
Item {
    id: root

    required property var project
    required property var bench
    required property var scenarioEditor

    property bool showExplorer: true
    property bool showPalette: true
    property bool showInspector: true
    property bool showEditor: true
    property bool showProblems: true
    property bool snapToGrid: false
    property bool showMinimap: true
    property bool showBench: false

    readonly property alias canvas: canvasView
    readonly property alias editor: ruleEditor
    readonly property alias benchPanel: benchPanel

    // The bench lists the events and the state of the selected node, or of a selected wire's start.
    function followSelection() {
        const wireFrom = canvasView.selectedWire >= 0 ? canvasView.wireFromName(canvasView.selectedWire) : ""
        const node = project.selectedNode >= 0 ? project.nodeAt(project.selectedNode).name : ""
        bench.tappedNode = wireFrom !== "" ? wireFrom : node
        bench.inspectedNode = node
    }
    Connections {
        target: root.project
        function onSelectionChanged() { root.followSelection() }
    }
    Connections {
        target: canvasView
        function onSelectedWireChanged() { root.followSelection() }
    }

    // Selects a node, brings it to the middle of the canvas and shows its text.
    function goToNode(nodeId) {
        if (nodeId < 0)
            return
        project.selectNode(nodeId, false)
        canvasView.centerOn(nodeId)
        if (showEditor)
            ruleEditor.revealNode(nodeId, false)
    }

    // Adds a node where the user is looking.
    function addAtCentre(kind) {
        const centre = canvasView.visibleCentre()
        project.addNode(kind, Math.round(centre.x - 100), Math.round(centre.y - 38))
        canvasView.forceActiveFocus()
    }

    function deleteSelection() { canvasView.deleteSelection() }

    function renameSelected() {
        if (project.selectedNode >= 0)
            canvasView.beginRename(project.selectedNode)
    }

    function showProblem(fileIndex, begin, end, node) {
        project.currentFile = fileIndex
        ruleEditor.reveal(begin, end, true)
        if (node !== "") {
            const id = project.findNode(node)
            if (id >= 0)
                canvasView.centerOn(id)
        }
    }

    // Split handles: a slim gutter that lights up under the mouse.
    Component {
        id: columnHandle
        Rectangle {
            implicitWidth: 4
            color: SplitHandle.pressed || SplitHandle.hovered ? Theme.accent : Theme.window
        }
    }
    Component {
        id: rowHandle
        Rectangle {
            implicitHeight: 4
            color: SplitHandle.pressed || SplitHandle.hovered ? Theme.accent : Theme.window
        }
    }

    SplitView {
        anchors.fill: parent
        orientation: Qt.Horizontal
        handle: columnHandle

        SplitView {
            id: leftColumn
            visible: root.showExplorer || root.showPalette
            orientation: Qt.Vertical
            handle: rowHandle
            SplitView.preferredWidth: 220
            SplitView.minimumWidth: 170
            SplitView.maximumWidth: 520

            ProjectExplorer {
                visible: root.showExplorer
                project: root.project
                canvas: canvasView
                SplitView.fillHeight: true
                SplitView.minimumHeight: 140
                onNodeActivated: (nodeId) => root.goToNode(nodeId)
            }

            PalettePanel {
                visible: root.showPalette
                SplitView.preferredHeight: 400
                SplitView.minimumHeight: 120
                onAddRequested: (kind) => root.addAtCentre(kind)
            }
        }

        SplitView {
            id: centreColumn
            orientation: Qt.Vertical
            handle: rowHandle
            SplitView.fillWidth: true
            SplitView.minimumWidth: 360

            CanvasView {
                id: canvasView
                project: root.project
                bench: root.bench
                snapToGrid: root.snapToGrid
                showMinimap: root.showMinimap
                SplitView.fillHeight: true
                SplitView.minimumHeight: 160
                onNodeClicked: (nodeId) => {
                    if (root.showEditor)
                        ruleEditor.revealNode(nodeId, false)
                }
            }

            RuleEditor {
                id: ruleEditor
                visible: root.showEditor
                project: root.project
                SplitView.preferredHeight: 260
                SplitView.minimumHeight: 90
            }

            ProblemsPanel {
                visible: root.showProblems
                project: root.project
                SplitView.preferredHeight: 140
                SplitView.minimumHeight: 60
                onProblemActivated: (fileIndex, begin, end, node) => root.showProblem(fileIndex, begin, end, node)
            }

            TestBenchPanel {
                id: benchPanel
                visible: root.showBench
                bench: root.bench
                scenarioEditor: root.scenarioEditor
                SplitView.preferredHeight: roomy ? Math.max(300, root.height * 0.55) : 300
                SplitView.minimumHeight: 160
                onRuleActivated: (name) => root.goToNode(root.project.findNode(name))
            }
        }

        InspectorPanel {
            visible: root.showInspector
            project: root.project
            SplitView.preferredWidth: 340
            SplitView.minimumWidth: 260
            SplitView.maximumWidth: 640
            onRevealRequested: (nodeId) => ruleEditor.revealNode(nodeId, true)
        }
    }
}
