import QtQuick
import QtQuick.Controls
import QtQuick.Layouts

// The test bench: run a scenario on the embedded engine and watch it (counts on
// the canvas, the alert timeline, the events of the selected node, the partial
// matches, windows or twin states of the selected node), travel back in time on
// the timeline, record the approved alerts as a test; and the project's tests
// with the report of a failure. The run itself lives in `bench` (TestBench, C++).
Rectangle {
    id: root

    required property var bench
    required property var scenarioEditor
    // The selected node's name, from the canvas: what the event and state lists show.
    property string selectedName: ""

    // Go to a rule (a node) named by a failed test.
    signal ruleActivated(string name)

    readonly property bool active: bench.state === "running" || bench.state === "paused" || bench.state === "finished"

    color: Theme.panel

    function severityColor(severity) {
        return severity === "critical" || severity === "high" ? Theme.error
             : severity === "medium" ? Theme.warning : Theme.accent
    }
    function statusColor(status) {
        return status === "passed" ? Theme.success : status === "failed" || status === "error" ? Theme.error
             : status === "running" ? Theme.accent : Theme.faintText
    }
    function showTests() { tabs.currentIndex = 1 }
    function showRun() { tabs.currentIndex = 0 }
    function showScenario() { tabs.currentIndex = 2 }
    // The scenario's forms want more height than the run's views.
    readonly property bool roomy: tabs.currentIndex === 2

    // The scenario editor shows the scenario that Run runs.
    Binding {
        target: root.scenarioEditor
        property: "name"
        value: root.bench.scenario
        when: root.bench.scenario !== ""
    }
    function number(n) { return Number(n).toLocaleString(Qt.locale("en_US"), "f", 0) }

    ColumnLayout {
        anchors.fill: parent
        spacing: 0

        PanelHeader {
            title: qsTr("Test bench")
            Layout.fillWidth: true

            TabBar {
                id: tabs
                objectName: "bench.tabs"
                Layout.preferredHeight: Theme.headerHeight - 4
                background: null
                TabButton { text: qsTr("Run"); width: implicitWidth + 16; font.pixelSize: 12 }
                TabButton {
                    objectName: "bench.testsTab"
                    text: bench.tests.count > 0 ? qsTr("Tests (%1)").arg(bench.tests.count) : qsTr("Tests")
                    width: implicitWidth + 16
                    font.pixelSize: 12
                }
                TabButton {
                    objectName: "bench.scenarioTab"
                    text: qsTr("Scenario")
                    width: implicitWidth + 16
                    font.pixelSize: 12
                }
            }
        }

        StackLayout {
            Layout.fillWidth: true
            Layout.fillHeight: true
            currentIndex: tabs.currentIndex

            // ---- Run ---------------------------------------------------------------
            ColumnLayout {
                spacing: 4

                RowLayout {
                    Layout.fillWidth: true
                    Layout.leftMargin: 8
                    Layout.rightMargin: 8
                    Layout.topMargin: 4
                    spacing: 6

                    ComboBox {
                        objectName: "bench.scenario"
                        Layout.preferredWidth: 180
                        model: bench.scenarios
                        currentIndex: Math.max(0, bench.scenarios.indexOf(bench.scenario))
                        onActivated: bench.scenario = currentText
                        displayText: bench.scenarios.length > 0 ? currentText : qsTr("no scenarios/")
                        enabled: bench.scenarios.length > 0
                        ToolTip.visible: hovered
                        ToolTip.text: qsTr("The scenario to run (scenarios/*.toml)")
                    }
                    Button {
                        objectName: "bench.run"
                        text: root.active ? qsTr("Restart") : qsTr("Run")
                        highlighted: !root.active
                        enabled: bench.scenarios.length > 0
                        onClicked: bench.start()
                        ToolTip.visible: hovered
                        ToolTip.text: qsTr("Compile the rules as they stand and run the scenario from its start (F5)")
                    }
                    Button {
                        objectName: "bench.pause"
                        text: bench.state === "running" ? qsTr("Pause") : qsTr("Resume")
                        enabled: bench.state === "running" || bench.state === "paused"
                        onClicked: bench.state === "running" ? bench.pause() : bench.resume()
                    }
                    Button {
                        objectName: "bench.step"
                        text: qsTr("Step")
                        enabled: bench.state !== "finished" && bench.scenarios.length > 0
                        onClicked: bench.stepOnce()
                        ToolTip.visible: hovered
                        ToolTip.text: qsTr("Process one event (F10)")
                    }
                    Button {
                        objectName: "bench.stop"
                        text: qsTr("Stop")
                        enabled: bench.state !== "idle"
                        onClicked: bench.stop()
                    }
                    ComboBox {
                        objectName: "bench.speed"
                        Layout.preferredWidth: 90
                        textRole: "text"
                        valueRole: "value"
                        model: [
                            { text: qsTr("1×"), value: 1 },
                            { text: qsTr("10×"), value: 10 },
                            { text: qsTr("100×"), value: 100 },
                            { text: qsTr("1000×"), value: 1000 },
                            { text: qsTr("max"), value: 0 }
                        ]
                        currentIndex: Math.max(0, [1, 10, 100, 1000, 0].indexOf(bench.speed))
                        onActivated: bench.speed = currentValue
                        ToolTip.visible: hovered
                        ToolTip.text: qsTr("Event time per second of wall time")
                    }
                    Text {
                        objectName: "bench.time"
                        Layout.fillWidth: true
                        text: bench.state === "error" ? bench.message
                            : bench.state === "idle" ? qsTr("Pick a scenario and press Run.")
                            : qsTr("%1 (%2 of %3) · %4 events · %5%6 · %7")
                                .arg(bench.offsetText).arg(bench.timeText).arg(bench.durationText)
                                .arg(root.number(bench.position))
                                .arg(bench.alerts.count === 1 ? qsTr("1 alert") : qsTr("%1 alerts").arg(bench.alerts.count))
                                .arg(bench.lateEvents > 0 ? qsTr(" · %1 late").arg(bench.lateEvents) : "")
                                .arg(bench.state)
                        color: bench.state === "error" ? Theme.error : Theme.mutedText
                        font.pixelSize: 12
                        elide: Text.ElideRight
                        textFormat: Text.PlainText
                    }
                }

                // The timeline: where the run is, how far it has been, the alerts as marks; drag to travel.
                Item {
                    id: timeline
                    objectName: "bench.timeline"
                    Layout.fillWidth: true
                    Layout.leftMargin: 12
                    Layout.rightMargin: 12
                    Layout.preferredHeight: 26
                    enabled: root.active

                    Rectangle {
                        id: track
                        anchors.verticalCenter: parent.verticalCenter
                        width: parent.width
                        height: 8
                        radius: 4
                        color: Theme.hover
                        border.color: Theme.border

                        Rectangle {  // how far the run has been: where one can travel to
                            width: track.width * bench.reach
                            height: parent.height
                            radius: 4
                            color: Theme.selectionFill
                        }
                        Rectangle {  // where it is
                            width: track.width * bench.progress
                            height: parent.height
                            radius: 4
                            color: Theme.accent
                            opacity: 0.55
                        }
                    }
                    Repeater {
                        model: bench.alerts
                        delegate: Rectangle {
                            required property double fraction
                            required property string severity
                            x: fraction * timeline.width - 1
                            y: 2
                            width: 2
                            height: timeline.height - 4
                            color: root.severityColor(severity)
                        }
                    }
                    Rectangle {  // the handle
                        x: timeline.width * bench.progress - width / 2
                        anchors.verticalCenter: parent.verticalCenter
                        width: 12
                        height: 12
                        radius: 6
                        visible: root.active
                        color: Theme.base
                        border.color: Theme.accent
                        border.width: 2
                    }
                    MouseArea {
                        anchors.fill: parent
                        function travel(mouse) { bench.seekFraction(Math.max(0, mouse.x) / timeline.width) }
                        onPressed: (mouse) => travel(mouse)
                        onPositionChanged: (mouse) => { if (pressed) travel(mouse) }
                    }
                    ToolTip.visible: timelineHover.hovered && root.active
                    ToolTip.text: qsTr("Drag to go back to any moment of the run")
                    HoverHandler { id: timelineHover }
                }

                SplitView {
                    Layout.fillWidth: true
                    Layout.fillHeight: true
                    orientation: Qt.Horizontal

                    // Alerts, each to approve or reject, and "record to test".
                    ColumnLayout {
                        SplitView.preferredWidth: root.width * 0.4
                        SplitView.minimumWidth: 200
                        spacing: 2

                        Text {
                            Layout.leftMargin: 10
                            text: qsTr("Alerts — untick the ones that should not have fired, then record a test")
                            color: Theme.mutedText
                            font.pixelSize: 11
                            elide: Text.ElideRight
                            Layout.fillWidth: true
                        }
                        ListView {
                            id: alertList
                            objectName: "bench.alerts"
                            Layout.fillWidth: true
                            Layout.fillHeight: true
                            clip: true
                            model: bench.alerts
                            boundsBehavior: Flickable.StopAtBounds
                            ScrollBar.vertical: ScrollBar {}
                            onCountChanged: if (bench.state === "running") positionViewAtEnd()
                            delegate: RowLayout {
                                id: alertRow
                                required property int index
                                required property string rule
                                required property string severity
                                required property string message
                                required property string offset
                                required property bool approved
                                width: ListView.view.width
                                spacing: 4
                                CheckBox {
                                    objectName: "bench.approve." + alertRow.index
                                    checked: alertRow.approved
                                    onToggled: bench.setApproved(alertRow.index, checked)
                                    padding: 0
                                    Layout.preferredHeight: 20
                                }
                                Rectangle { width: 8; height: 8; radius: 4; color: root.severityColor(alertRow.severity) }
                                Text {
                                    text: alertRow.offset
                                    font.family: Theme.monoFamily
                                    font.pixelSize: 11
                                    color: Theme.mutedText
                                }
                                Text {
                                    Layout.fillWidth: true
                                    text: alertRow.rule + ": " + alertRow.message
                                    color: alertRow.approved ? Theme.text : Theme.faintText
                                    font.strikeout: !alertRow.approved
                                    font.pixelSize: 12
                                    elide: Text.ElideRight
                                    textFormat: Text.PlainText
                                    MouseArea {
                                        anchors.fill: parent
                                        onClicked: root.ruleActivated(alertRow.rule)
                                    }
                                }
                            }
                        }
                        RowLayout {
                            Layout.fillWidth: true
                            Layout.margins: 4
                            TextField {
                                id: recordName
                                objectName: "bench.recordName"
                                Layout.fillWidth: true
                                placeholderText: qsTr("test name, e.g. overheating_day")
                                font.pixelSize: 12
                                selectByMouse: true
                            }
                            Button {
                                objectName: "bench.record"
                                text: qsTr("Record to test")
                                enabled: root.active && recordName.text.length > 0
                                onClicked: {
                                    if (bench.recordTest(recordName.text) !== "")
                                        recordName.text = ""
                                }
                            }
                        }
                    }

                    // The newest events of the selected node (a wire's start).
                    ColumnLayout {
                        SplitView.preferredWidth: root.width * 0.3
                        SplitView.minimumWidth: 160
                        spacing: 2
                        Text {
                            Layout.leftMargin: 8
                            Layout.fillWidth: true
                            text: bench.tappedNode === "" ? qsTr("Events — select a node or a wire")
                                                          : qsTr("Events out of %1 (newest first)").arg(bench.tappedNode)
                            color: Theme.mutedText
                            font.pixelSize: 11
                            elide: Text.ElideRight
                        }
                        ListView {
                            objectName: "bench.events"
                            Layout.fillWidth: true
                            Layout.fillHeight: true
                            clip: true
                            model: bench.tappedEvents
                            boundsBehavior: Flickable.StopAtBounds
                            ScrollBar.vertical: ScrollBar {}
                            delegate: Text {
                                required property var modelData
                                width: ListView.view.width
                                leftPadding: 8
                                text: modelData.offset + "  " + modelData.text
                                font.family: Theme.monoFamily
                                font.pixelSize: 11
                                color: Theme.text
                                elide: Text.ElideRight
                                textFormat: Text.PlainText
                            }
                        }
                    }

                    // What the selected node holds now.
                    ColumnLayout {
                        SplitView.fillWidth: true
                        SplitView.minimumWidth: 160
                        spacing: 2
                        Text {
                            Layout.leftMargin: 8
                            Layout.fillWidth: true
                            text: bench.inspectedKind === "pattern" ? qsTr("Partial matches of %1 (%2)").arg(bench.inspectedNode).arg(bench.nodeState.length)
                                : bench.inspectedKind === "window" ? qsTr("Open windows of %1 (%2)").arg(bench.inspectedNode).arg(bench.nodeState.length)
                                : bench.inspectedKind === "twin" ? qsTr("Keys of twin %1 (%2)").arg(bench.inspectedNode).arg(bench.nodeState.length)
                                : qsTr("State — select a pattern, window or twin")
                            color: Theme.mutedText
                            font.pixelSize: 11
                            elide: Text.ElideRight
                        }
                        ListView {
                            objectName: "bench.state"
                            Layout.fillWidth: true
                            Layout.fillHeight: true
                            clip: true
                            model: bench.nodeState
                            boundsBehavior: Flickable.StopAtBounds
                            ScrollBar.vertical: ScrollBar {}
                            delegate: Column {
                                required property var modelData
                                width: ListView.view.width
                                leftPadding: 8
                                bottomPadding: 3
                                Text {
                                    width: parent.width - 12
                                    text: modelData.key + "  " + modelData.what
                                          + (modelData.deadline !== "" ? qsTr("  · deadline %1").arg(modelData.deadline) : "")
                                    font.pixelSize: 12
                                    color: Theme.text
                                    elide: Text.ElideRight
                                    textFormat: Text.PlainText
                                }
                                Text {
                                    width: parent.width - 12
                                    text: modelData.detail
                                    font.family: Theme.monoFamily
                                    font.pixelSize: 11
                                    color: Theme.mutedText
                                    elide: Text.ElideRight
                                    textFormat: Text.PlainText
                                }
                            }
                        }
                    }
                }
            }

            // ---- Tests -------------------------------------------------------------
            SplitView {
                orientation: Qt.Horizontal

                ColumnLayout {
                    SplitView.preferredWidth: root.width * 0.35
                    SplitView.minimumWidth: 200
                    spacing: 2

                    RowLayout {
                        Layout.fillWidth: true
                        Layout.margins: 4
                        Button {
                            objectName: "tests.runAll"
                            text: qsTr("Run all")
                            enabled: !bench.testsRunning && bench.tests.count > 0
                            onClicked: bench.runTests("")
                        }
                        Button {
                            objectName: "tests.run"
                            text: qsTr("Run selected")
                            enabled: !bench.testsRunning && testList.currentIndex >= 0
                            onClicked: bench.runTests(testList.currentItem.name)
                        }
                        Text {
                            Layout.fillWidth: true
                            text: bench.testsRunning ? qsTr("running…") : bench.testsSummary
                            color: Theme.mutedText
                            font.pixelSize: 12
                            elide: Text.ElideRight
                        }
                    }
                    ListView {
                        id: testList
                        objectName: "tests.list"
                        Layout.fillWidth: true
                        Layout.fillHeight: true
                        clip: true
                        model: bench.tests
                        currentIndex: count > 0 ? 0 : -1
                        boundsBehavior: Flickable.StopAtBounds
                        ScrollBar.vertical: ScrollBar {}
                        delegate: Rectangle {
                            id: testRow
                            required property int index
                            required property string name
                            required property string status
                            required property string summary
                            required property string details
                            required property string rule
                            width: ListView.view.width
                            height: 38
                            color: ListView.isCurrentItem ? Theme.selectionFill : "transparent"
                            RowLayout {
                                anchors.fill: parent
                                anchors.leftMargin: 10
                                anchors.rightMargin: 8
                                Rectangle { width: 10; height: 10; radius: 5; color: root.statusColor(testRow.status) }
                                Column {
                                    Layout.fillWidth: true
                                    Text {
                                        text: testRow.name + "  " + testRow.status
                                        color: Theme.text
                                        font.pixelSize: 12
                                        font.bold: true
                                    }
                                    Text {
                                        width: parent.width
                                        text: testRow.summary
                                        color: Theme.mutedText
                                        font.pixelSize: 11
                                        elide: Text.ElideRight
                                    }
                                }
                            }
                            MouseArea {
                                anchors.fill: parent
                                onClicked: testList.currentIndex = testRow.index
                                onDoubleClicked: bench.runTests(testRow.name)
                            }
                        }
                    }
                }

                ColumnLayout {
                    SplitView.fillWidth: true
                    spacing: 2
                    RowLayout {
                        Layout.fillWidth: true
                        Layout.margins: 4
                        Text {
                            Layout.fillWidth: true
                            text: testList.currentItem ? testList.currentItem.name : ""
                            color: Theme.mutedText
                            font.pixelSize: 12
                            elide: Text.ElideRight
                        }
                        Button {
                            objectName: "tests.goToRule"
                            text: testList.currentItem && testList.currentItem.rule !== ""
                                  ? qsTr("Go to %1").arg(testList.currentItem.rule) : qsTr("Go to rule")
                            enabled: testList.currentItem !== null && testList.currentItem.rule !== ""
                            onClicked: root.ruleActivated(testList.currentItem.rule)
                        }
                    }
                    ScrollView {
                        Layout.fillWidth: true
                        Layout.fillHeight: true
                        TextArea {
                            objectName: "tests.details"
                            readOnly: true
                            selectByMouse: true
                            wrapMode: TextEdit.NoWrap
                            font.family: Theme.monoFamily
                            font.pixelSize: 12
                            color: Theme.text
                            text: !testList.currentItem ? ""
                                : testList.currentItem.details !== "" ? testList.currentItem.details
                                : qsTr("Not run yet. Run it to see what it expects, what came, and why an alert did not fire.")
                            background: Rectangle { color: Theme.base }
                        }
                    }
                }
            }

            // ---- Scenario ----------------------------------------------------------
            ScenarioEditorPanel {
                editor: root.scenarioEditor
                bench: root.bench
            }
        }
    }
}
