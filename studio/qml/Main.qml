import QtQuick
import QtQuick.Controls
import QtQuick.Dialogs
import QtQuick.Layouts
import Cepheus.Studio

// The studio window: the menus and their actions, the start page or the open
// project, the status bar, and what protects unsaved work (the Save / Discard
// / Cancel question, autosave every 30 s, and recovery after a crash).
ApplicationWindow {
    id: window

    width: 1600
    height: 1000
    minimumWidth: 900
    minimumHeight: 600
    visible: true
    title: project.open ? qsTr("Cepheus Studio \u2014 %1").arg(project.title) : qsTr("Cepheus Studio")
    color: Theme.window
    font.pixelSize: Theme.fontSize

    // The Controls follow the theme.
    palette.window: Theme.window
    palette.windowText: Theme.text
    palette.base: Theme.base
    palette.alternateBase: Theme.panel
    palette.text: Theme.text
    palette.button: Theme.button
    palette.buttonText: Theme.text
    palette.brightText: Theme.accentText
    palette.highlight: Theme.accent
    palette.highlightedText: Theme.accentText
    palette.placeholderText: Theme.faintText
    palette.toolTipBase: Theme.panel
    palette.toolTipText: Theme.text
    palette.link: Theme.accent
    palette.light: Theme.dark ? "#3b4048" : "#ffffff"
    palette.midlight: Theme.dark ? "#33373e" : "#f1f2f5"
    palette.mid: Theme.border
    palette.dark: Theme.dark ? "#141619" : "#a8aeb8"
    palette.shadow: "#000000"
    palette.disabled.text: Theme.faintText
    palette.disabled.windowText: Theme.faintText
    palette.disabled.buttonText: Theme.faintText

    ProjectDocument { id: project }
    TestBench { id: bench; project: project }
    ScenarioEditor { id: scenarioEditor; project: project }
    RecentProjects { id: recentProjects }

    // The text field or editor that Cut/Copy/Paste/Delete/Select All act on, or
    // null for the canvas. A menu taking focus does not change it, so the Edit
    // menu acts on what had focus before it opened.
    property Item editTarget: null
    property var pendingAction: null
    property bool closeConfirmed: false
    property string statusText: ""

    readonly property bool canvasTarget: editTarget === null && project.open

    property list<Action> allActions: [
        newAction, openAction, saveAction, closeAction, quitAction,
        undoAction, redoAction, cutAction, copyAction, pasteAction, duplicateAction, deleteAction,
        selectAllAction, renameAction, findAction,
        zoomInAction, zoomOutAction, fitAction, layoutAction, snapAction, minimapAction,
        explorerAction, paletteAction, inspectorAction, editorAction, problemsAction, darkAction,
        commandPaletteAction, manualAction, aboutAction,
        benchAction, runScenarioAction, pauseRunAction, stepRunAction, stopRunAction, runTestsAction,
        editScenarioAction
    ]

    function urlToPath(url) {
        return decodeURIComponent(url.toString().replace(/^file:\/\//, ""))
    }

    function rememberProject(path) {
        if (!LaunchOptions.screenshot)
            recentProjects.add(path)
    }

    function openProject(path) {
        if (!project.openFolder(path))
            return false
        rememberProject(path)
        return true
    }

    // Runs `then` now, or after asking what to do with unsaved changes.
    function guardUnsaved(then) {
        if (!project.open || !project.modified) {
            then()
            return
        }
        pendingAction = then
        unsavedDialog.open()
    }

    function runPending() {
        const action = pendingAction
        pendingAction = null
        if (action)
            action()
    }

    function isTextInput(item) {
        return item.cursorPosition !== undefined && item.selectedText !== undefined && item.readOnly !== undefined
    }

    function inPopup(item) {
        for (let p = item; p; p = p.parent)
            if (p === Overlay.overlay)
                return true
        return false
    }

    onActiveFocusItemChanged: {
        const item = activeFocusItem
        if (!item)
            return
        if (isTextInput(item))
            editTarget = item
        else if (!inPopup(item))
            editTarget = null
    }

    onClosing: (close) => {
        if (closeConfirmed || !project.open || !project.modified || LaunchOptions.screenshot)
            return
        close.accepted = false
        guardUnsaved(() => {
            closeConfirmed = true
            window.close()
        })
    }

    Component.onCompleted: {
        Theme.dark = LaunchOptions.theme === "dark"
        statusText = project.lastMessage
        if (LaunchOptions.projectPath && openProject(LaunchOptions.projectPath) && LaunchOptions.selectNode) {
            // Selected, and its statement shown in the editor, once the workspace is laid out.
            const nodeId = project.findNode(LaunchOptions.selectNode)
            if (nodeId >= 0)
                Qt.callLater(() => workspace.editor.revealNode(nodeId, false))
        }
    }

    Connections {
        target: project
        function onMessage(text) {
            window.statusText = text
            statusTimer.restart()
        }
        function onFolderChanged() {
            if (project.open)
                workspace.canvas.forceActiveFocus()
        }
    }
    Connections {
        target: bench
        function onNotice(text) {
            window.statusText = text
            statusTimer.restart()
        }
    }
    Connections {
        target: scenarioEditor
        function onNotice(text) {
            window.statusText = text
            statusTimer.restart()
        }
    }

    // Messages fade from the status bar after a while.
    Timer {
        id: statusTimer
        interval: 12000
        onTriggered: window.statusText = ""
    }

    Timer {
        interval: 30000
        repeat: true
        running: project.open && !LaunchOptions.screenshot
        onTriggered: project.autosave()
    }

    // ---- Actions (the menus and the command palette list them) ------------------

    Action {
        id: newAction
        text: qsTr("New Project\u2026")
        shortcut: "Ctrl+N"
        onTriggered: guardUnsaved(() => {
            const documents = LaunchOptions.documentsFolder
            folderPopup.ask(qsTr("New project"),
                            qsTr("The project goes into this folder, which must be new or empty:"),
                            documents ? documents + "/Cepheus/untitled" : "", "",
                            (path) => {
                                if (!project.createProject(path))
                                    return false
                                rememberProject(path)
                                return true
                            })
        })
    }
    Action {
        id: openAction
        text: qsTr("Open Project\u2026")
        shortcut: "Ctrl+O"
        onTriggered: guardUnsaved(() => openDialog.open())
    }
    Action {
        id: saveAction
        text: qsTr("Save")
        shortcut: "Ctrl+S"
        enabled: project.open
        onTriggered: project.save()
    }
    Action {
        id: closeAction
        text: qsTr("Close Project")
        shortcut: "Ctrl+W"
        enabled: project.open
        onTriggered: guardUnsaved(() => project.close())
    }
    Action {
        id: quitAction
        text: qsTr("Quit")
        shortcut: "Ctrl+Q"
        onTriggered: window.close()
    }

    Action {
        id: undoAction
        text: project.undoText !== "" ? qsTr("Undo %1").arg(project.undoText) : qsTr("Undo")
        shortcut: "Ctrl+Z"
        enabled: project.canUndo
        onTriggered: project.undo()
    }
    Action {
        id: redoAction
        text: project.redoText !== "" ? qsTr("Redo %1").arg(project.redoText) : qsTr("Redo")
        shortcut: "Ctrl+Shift+Z"
        enabled: project.canRedo
        onTriggered: project.redo()
    }
    Action {
        id: cutAction
        text: qsTr("Cut")
        shortcut: "Ctrl+X"
        enabled: editTarget ? !editTarget.readOnly && editTarget.selectedText !== "" : project.selection.length > 0
        onTriggered: editTarget ? editTarget.cut() : project.cutSelection()
    }
    Action {
        id: copyAction
        text: qsTr("Copy")
        shortcut: "Ctrl+C"
        enabled: editTarget ? editTarget.selectedText !== "" : project.selection.length > 0
        onTriggered: editTarget ? editTarget.copy() : project.copySelection()
    }
    Action {
        id: pasteAction
        text: qsTr("Paste")
        shortcut: "Ctrl+V"
        enabled: editTarget ? !editTarget.readOnly : project.open
        onTriggered: editTarget ? editTarget.paste() : project.paste()
    }
    Action {
        id: duplicateAction
        text: qsTr("Duplicate")
        shortcut: "Ctrl+D"
        enabled: canvasTarget && project.selection.length > 0
        onTriggered: project.duplicateSelection()
    }
    Action {
        id: deleteAction
        text: qsTr("Delete")
        shortcut: "Delete"
        enabled: editTarget ? !editTarget.readOnly && editTarget.selectedText !== ""
                            : project.selection.length > 0 || workspace.canvas.selectedWire >= 0
        onTriggered: {
            if (editTarget)
                editTarget.remove(editTarget.selectionStart, editTarget.selectionEnd)
            else
                workspace.deleteSelection()
        }
    }
    Action {
        id: selectAllAction
        text: qsTr("Select All")
        shortcut: "Ctrl+A"
        enabled: editTarget !== null || project.open
        onTriggered: editTarget ? editTarget.selectAll() : project.selectAll()
    }
    Action {
        id: renameAction
        text: qsTr("Rename\u2026")
        shortcut: "F2"
        enabled: canvasTarget && project.selectedNode >= 0
        onTriggered: workspace.renameSelected()
    }
    Action {
        id: findAction
        text: qsTr("Find Node\u2026")
        shortcut: "Ctrl+F"
        enabled: project.open
        onTriggered: commandPalette.openWith(true)
    }

    Action {
        id: zoomInAction
        text: qsTr("Zoom In")
        shortcut: "Ctrl+="
        enabled: project.open
        onTriggered: workspace.canvas.zoomIn()
    }
    Action {
        id: zoomOutAction
        text: qsTr("Zoom Out")
        shortcut: "Ctrl+-"
        enabled: project.open
        onTriggered: workspace.canvas.zoomOut()
    }
    Action {
        id: fitAction
        text: qsTr("Fit to View")
        shortcut: "Ctrl+0"
        enabled: project.open
        onTriggered: workspace.canvas.fitToView()
    }
    Action {
        id: layoutAction
        text: qsTr("Auto Layout")
        shortcut: "Ctrl+L"
        enabled: project.open
        onTriggered: {
            project.autoLayout()
            Qt.callLater(workspace.canvas.fitToView)
        }
    }
    Action {
        id: snapAction
        text: qsTr("Snap to Grid")
        shortcut: "Ctrl+G"
        checkable: true
        checked: false
    }
    Action {
        id: minimapAction
        text: qsTr("Minimap")
        shortcut: "Ctrl+M"
        checkable: true
        checked: true
    }
    Action {
        id: explorerAction
        text: qsTr("Explorer")
        shortcut: "Ctrl+1"
        checkable: true
        checked: true
    }
    Action {
        id: paletteAction
        text: qsTr("Palette")
        shortcut: "Ctrl+2"
        checkable: true
        checked: true
    }
    Action {
        id: inspectorAction
        text: qsTr("Inspector")
        shortcut: "Ctrl+3"
        checkable: true
        checked: true
    }
    Action {
        id: editorAction
        text: qsTr("Rule Text")
        shortcut: "Ctrl+4"
        checkable: true
        checked: true
    }
    Action {
        id: problemsAction
        text: qsTr("Problems")
        shortcut: "Ctrl+5"
        checkable: true
        checked: true
    }
    Action {
        id: darkAction
        text: qsTr("Dark Theme")
        shortcut: "Ctrl+T"
        checkable: true
        checked: Theme.dark
        onTriggered: Theme.dark = checked
    }
    Action {
        id: benchAction
        text: qsTr("Test Bench")
        shortcut: "Ctrl+6"
        checkable: true
        checked: false
    }
    Action {
        id: runScenarioAction
        text: qsTr("Run Scenario")
        shortcut: "F5"
        enabled: project.open && bench.scenarios.length > 0
        onTriggered: {
            benchAction.checked = true
            bench.start()
        }
    }
    Action {
        id: pauseRunAction
        text: bench.state === "paused" ? qsTr("Resume Run") : qsTr("Pause Run")
        shortcut: "F6"
        enabled: bench.state === "running" || bench.state === "paused"
        onTriggered: bench.state === "running" ? bench.pause() : bench.resume()
    }
    Action {
        id: stepRunAction
        text: qsTr("Step One Event")
        shortcut: "F10"
        enabled: project.open && bench.scenarios.length > 0 && bench.state !== "finished"
        onTriggered: {
            benchAction.checked = true
            bench.stepOnce()
        }
    }
    Action {
        id: stopRunAction
        text: qsTr("Stop Run")
        shortcut: "Shift+F5"
        enabled: bench.state !== "idle"
        onTriggered: bench.stop()
    }
    Action {
        id: runTestsAction
        text: qsTr("Run All Tests")
        shortcut: "Ctrl+Shift+T"
        enabled: project.open && !bench.testsRunning
        onTriggered: {
            benchAction.checked = true
            workspace.benchPanel.showTests()
            bench.runTests("")
        }
    }
    Action {
        id: editScenarioAction
        text: qsTr("Edit Scenario")
        shortcut: "Ctrl+Shift+E"
        enabled: project.open
        onTriggered: {
            benchAction.checked = true
            workspace.benchPanel.showScenario()
        }
    }
    Action {
        id: commandPaletteAction
        text: qsTr("Command Palette\u2026")
        shortcut: "Ctrl+Shift+P"
        onTriggered: commandPalette.openWith(false)
    }
    Action {
        id: manualAction
        text: qsTr("Rule Language Manual")
        shortcut: "F1"
        enabled: LaunchOptions.manualFile !== ""
        onTriggered: Qt.openUrlExternally("file://" + LaunchOptions.manualFile)
    }
    Action {
        id: aboutAction
        text: qsTr("About Cepheus Studio")
        onTriggered: aboutDialog.open()
    }

    // Second keys for two actions (an Action has one shortcut).
    Shortcut {
        sequences: ["Ctrl+Y"]
        enabled: project.canRedo
        onActivated: project.redo()
    }
    Shortcut {
        sequences: ["Ctrl++"]
        enabled: project.open
        onActivated: workspace.canvas.zoomIn()
    }

    menuBar: MenuBar {
        StudioMenu {
            title: qsTr("&File")
            StudioMenuItem { action: newAction }
            StudioMenuItem { action: openAction }
            MenuSeparator {}
            StudioMenuItem { action: saveAction }
            StudioMenuItem { action: closeAction }
            MenuSeparator {}
            StudioMenuItem { action: quitAction }
        }
        StudioMenu {
            title: qsTr("&Edit")
            StudioMenuItem { action: undoAction }
            StudioMenuItem { action: redoAction }
            MenuSeparator {}
            StudioMenuItem { action: cutAction }
            StudioMenuItem { action: copyAction }
            StudioMenuItem { action: pasteAction }
            StudioMenuItem { action: duplicateAction }
            StudioMenuItem { action: deleteAction }
            MenuSeparator {}
            StudioMenuItem { action: selectAllAction }
            StudioMenuItem { action: renameAction }
            StudioMenuItem { action: findAction }
        }
        StudioMenu {
            title: qsTr("&View")
            StudioMenuItem { action: zoomInAction }
            StudioMenuItem { action: zoomOutAction }
            StudioMenuItem { action: fitAction }
            StudioMenuItem { action: layoutAction }
            MenuSeparator {}
            StudioMenuItem { action: snapAction }
            StudioMenuItem { action: minimapAction }
            MenuSeparator {}
            StudioMenuItem { action: explorerAction }
            StudioMenuItem { action: paletteAction }
            StudioMenuItem { action: inspectorAction }
            StudioMenuItem { action: editorAction }
            StudioMenuItem { action: problemsAction }
            StudioMenuItem { action: benchAction }
            MenuSeparator {}
            StudioMenuItem { action: darkAction }
            StudioMenuItem { action: commandPaletteAction }
        }
        StudioMenu {
            title: qsTr("&Run")
            StudioMenuItem { action: runScenarioAction }
            StudioMenuItem { action: editScenarioAction }
            StudioMenuItem { action: pauseRunAction }
            StudioMenuItem { action: stepRunAction }
            StudioMenuItem { action: stopRunAction }
            MenuSeparator {}
            StudioMenuItem { action: runTestsAction }
        }
        StudioMenu {
            title: qsTr("&Help")
            StudioMenuItem { action: manualAction }
            StudioMenuItem { action: aboutAction }
        }
    }

    // ---- Content ------------------------------------------------------------------

    ColumnLayout {
        anchors.fill: parent
        spacing: 0

        // Work from a session that ended without saving.
        Rectangle {
            visible: project.open && project.hasRecovery && !LaunchOptions.screenshot
            Layout.fillWidth: true
            implicitHeight: 40
            color: Theme.warningFill

            Rectangle {
                anchors.bottom: parent.bottom
                width: parent.width
                height: 1
                color: Theme.warning
            }

            RowLayout {
                anchors.fill: parent
                anchors.leftMargin: 16
                anchors.rightMargin: 12
                spacing: Theme.spacing
                Text {
                    Layout.fillWidth: true
                    text: qsTr("Unsaved work from a previous session was found")
                    color: Theme.text
                    font.pixelSize: 13
                    elide: Text.ElideRight
                }
                Button {
                    text: qsTr("Recover")
                    highlighted: true
                    onClicked: project.recover()
                }
                Button {
                    text: qsTr("Discard")
                    onClicked: project.discardRecovery()
                }
            }
        }

        Item {
            Layout.fillWidth: true
            Layout.fillHeight: true

            StartPage {
                anchors.fill: parent
                visible: !project.open
                project: project
                recent: recentProjects
                onNewProjectRequested: newAction.trigger()
                onOpenProjectRequested: openAction.trigger()
                onOpenPathRequested: (path) => openProject(path)
                onProjectCreated: (path) => rememberProject(path)
            }

            Workspace {
                id: workspace
                anchors.fill: parent
                visible: project.open
                project: project
                bench: bench
                scenarioEditor: scenarioEditor
                showBench: benchAction.checked
                showExplorer: explorerAction.checked
                showPalette: paletteAction.checked
                showInspector: inspectorAction.checked
                showEditor: editorAction.checked
                showProblems: problemsAction.checked
                snapToGrid: snapAction.checked
                showMinimap: minimapAction.checked
            }
        }
    }

    // ---- Status bar -------------------------------------------------------------------

    footer: Rectangle {
        implicitHeight: 26
        color: Theme.panelHeader

        Rectangle {
            anchors.top: parent.top
            width: parent.width
            height: 1
            color: Theme.border
        }

        RowLayout {
            anchors.fill: parent
            anchors.leftMargin: 12
            anchors.rightMargin: 12
            spacing: 16

            Text {
                Layout.fillWidth: true
                text: window.statusText
                color: Theme.mutedText
                font.pixelSize: 12
                elide: Text.ElideRight
                textFormat: Text.PlainText
            }
            Text {
                visible: project.open && project.modified
                text: qsTr("Not saved")
                color: Theme.mutedText
                font.pixelSize: 12
            }
            Text {
                visible: project.open && !project.textParses
                text: qsTr("Text does not parse")
                color: Theme.error
                font.pixelSize: 12
            }
            Text {
                visible: project.open
                text: qsTr("%1 nodes \u00b7 %2 wires").arg(project.nodes.count).arg(project.wires.count)
                color: Theme.mutedText
                font.pixelSize: 12
            }
            Row {
                visible: project.open
                spacing: 5
                Rectangle {
                    anchors.verticalCenter: parent.verticalCenter
                    width: 8; height: 8; radius: 4
                    color: project.problems.errorCount > 0 ? Theme.error : Theme.faintText
                }
                Text {
                    text: project.problems.errorCount === 1 ? qsTr("1 error") : qsTr("%1 errors").arg(project.problems.errorCount)
                    color: Theme.mutedText
                    font.pixelSize: 12
                }
            }
            Row {
                visible: project.open
                spacing: 5
                readonly property int warnings: project.problems.count - project.problems.errorCount
                Rectangle {
                    anchors.verticalCenter: parent.verticalCenter
                    width: 8; height: 8; radius: 4
                    color: parent.warnings > 0 ? Theme.warning : Theme.faintText
                }
                Text {
                    text: parent.warnings === 1 ? qsTr("1 warning") : qsTr("%1 warnings").arg(parent.warnings)
                    color: Theme.mutedText
                    font.pixelSize: 12
                }
            }
            Text {
                visible: project.open
                text: Math.round(workspace.canvas.zoom * 100) + " %"
                color: Theme.mutedText
                font.pixelSize: 12
                Layout.preferredWidth: 44
                horizontalAlignment: Text.AlignRight
            }
        }
    }

    // ---- Dialogs and popups ---------------------------------------------------------------

    Dialog {
        id: unsavedDialog
        title: qsTr("Save changes?")
        anchors.centerIn: parent
        modal: true
        width: 440  // a fixed width: Fusion's button box otherwise loops on implicitWidth (Qt 6.4)
        standardButtons: Dialog.Save | Dialog.Discard | Dialog.Cancel

        Label {
            text: qsTr("\u201c%1\u201d has changes that are not saved.").arg(project.title)
        }

        onAccepted: {
            if (project.save())
                runPending()
            else
                pendingAction = null
        }
        // Discard also rejects the dialog: the pending action runs first, then onRejected finds nothing.
        onDiscarded: {
            project.discardRecovery()
            runPending()
        }
        onRejected: pendingAction = null
    }

    Dialog {
        id: aboutDialog
        title: qsTr("About Cepheus Studio")
        anchors.centerIn: parent
        modal: true
        standardButtons: Dialog.Ok
        width: 440

        ColumnLayout {
            anchors.fill: parent
            spacing: Theme.spacing
            Label {
                text: qsTr("Cepheus Studio %1").arg(Qt.application.version)
                font.pixelSize: 15
                font.weight: Font.DemiBold
            }
            Label {
                Layout.fillWidth: true
                wrapMode: Text.Wrap
                text: qsTr("A visual studio for complex-event-processing rules: wire sources, patterns and alerts on a canvas or write them as text; both are the same project.")
            }
        }
    }

    FolderDialog {
        id: openDialog
        title: qsTr("Open a project folder")
        currentFolder: LaunchOptions.documentsFolder ? "file://" + LaunchOptions.documentsFolder : ""
        onAccepted: openProject(urlToPath(selectedFolder))
    }

    ProjectFolderPopup {
        id: folderPopup
        project: project
    }

    CommandPalette {
        id: commandPalette
        actions: window.allActions
        canvas: workspace.canvas
        onNodeChosen: (nodeId) => workspace.goToNode(nodeId)
    }
}
