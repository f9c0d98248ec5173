import QtQuick
import QtQuick.Controls
import QtQuick.Dialogs
import QtQuick.Layouts

// The scenario editor (the test bench's Scenario tab): the open scenario as
// forms, as text, and as a preview of the events it makes. Every committed
// field is written to the file at once (ScenarioEditor, C++); Undo and Redo
// step through the editor's own history. Repeaters take counts, not the lists
// themselves, so that an edit updates the rows in place and keyboard focus
// stays where it was.
Item {
    id: root

    required property var editor
    // The bench, to run what was edited and to follow its choice of scenario.
    required property var bench

    function urlToPath(url) {
        const s = url.toString()
        return s.startsWith("file://") ? decodeURIComponent(s.substring(7)) : s
    }
    function populationNames() {
        return editor.populations.map(p => p.name)
    }
    function generatorNames() {
        return editor.generators.map(g => g.name)
    }
    function fieldsOf(sourceName) {
        const s = editor.sources.find(s => s.name === sourceName)
        return s ? s.fields.map(f => f.name) : []
    }

    // ---- Small form parts ---------------------------------------------------------
    // A labelled text field that commits on Enter or when it loses focus.
    component Entry: ColumnLayout {
        id: entry
        property string label
        property string value
        property string hint
        property string name
        signal committed(string text)
        spacing: 1
        Layout.preferredWidth: 110
        Text { text: entry.label; color: Theme.mutedText; font.pixelSize: 11 }
        TextField {
            objectName: entry.name
            Layout.fillWidth: true
            text: entry.value
            placeholderText: entry.hint
            selectByMouse: true
            font.pixelSize: 12
            onEditingFinished: if (text !== entry.value) entry.committed(text)
        }
    }
    // A labelled choice; `none` adds a first entry that means "not given".
    component Choice: ColumnLayout {
        id: choice
        property string label
        property var options: []
        property string value
        property string none: ""
        property string name
        signal chosen(string text)
        readonly property var entries: none !== "" ? [none].concat(options) : options
        spacing: 1
        Layout.preferredWidth: 130
        Text { text: choice.label; color: Theme.mutedText; font.pixelSize: 11 }
        ComboBox {
            objectName: choice.name
            Layout.fillWidth: true
            font.pixelSize: 12
            model: choice.entries
            currentIndex: Math.max(0, choice.entries.indexOf(choice.value === "" && choice.none !== "" ? choice.none : choice.value))
            // A value the list does not hold (a source the rules no longer have) is shown as it is.
            displayText: choice.value !== "" && choice.entries.indexOf(choice.value) < 0 ? choice.value + " ?" : currentText
            onActivated: {
                const picked = choice.entries[currentIndex]
                choice.chosen(picked === choice.none ? "" : picked)
            }
        }
    }
    // A section title with an action on the right.
    component Section: RowLayout {
        id: section
        property string title
        property string action
        property string name
        signal triggered()
        Layout.fillWidth: true
        Layout.topMargin: 8
        Text {
            text: section.title
            color: Theme.text
            font.pixelSize: 13
            font.weight: Font.DemiBold
            Layout.fillWidth: true
        }
        Button {
            objectName: section.name
            text: section.action
            visible: section.action !== ""
            font.pixelSize: 12
            onClicked: section.triggered()
        }
    }
    // A frame around one table of the scenario, with its problem underneath.
    component Card: Rectangle {
        id: card
        property string problem
        default property alias content: cardColumn.data
        Layout.fillWidth: true
        implicitHeight: cardColumn.implicitHeight + 14
        radius: 4
        color: Theme.base
        border.color: problem !== "" ? Theme.error : Theme.border
        ColumnLayout {
            id: cardColumn
            anchors.fill: parent
            anchors.margins: 7
            spacing: 4
        }
    }
    component Problem: Text {
        property string problem
        visible: problem !== ""
        text: problem
        color: Theme.error
        font.pixelSize: 11
        wrapMode: Text.Wrap
        Layout.fillWidth: true
        textFormat: Text.PlainText
    }

    ColumnLayout {
        anchors.fill: parent
        spacing: 4

        RowLayout {
            Layout.fillWidth: true
            Layout.leftMargin: 8
            Layout.rightMargin: 8
            Layout.topMargin: 4
            spacing: 6

            ComboBox {
                objectName: "scenario.name"
                Layout.preferredWidth: 180
                model: editor.scenarios
                currentIndex: Math.max(0, editor.scenarios.indexOf(editor.name))
                displayText: editor.scenarios.length > 0 ? currentText : qsTr("no scenarios/")
                enabled: editor.scenarios.length > 0
                onActivated: {
                    editor.name = currentText
                    bench.scenario = currentText
                }
            }
            Button {
                objectName: "scenario.new"
                text: qsTr("New…")
                onClicked: newPopup.open()
            }
            Button {
                objectName: "scenario.undo"
                text: qsTr("Undo")
                enabled: editor.canUndo
                onClicked: editor.undo()
            }
            Button {
                objectName: "scenario.redo"
                text: qsTr("Redo")
                enabled: editor.canRedo
                onClicked: editor.redo()
            }
            Button {
                objectName: "scenario.import"
                text: qsTr("Import recording…")
                enabled: editor.name !== ""
                onClicked: importDialog.open()
                ToolTip.visible: hovered
                ToolTip.text: qsTr("Copy a CSV or JSON lines recording into the project and replay it")
            }
            TabBar {
                id: views
                objectName: "scenario.views"
                Layout.fillWidth: true
                background: null
                TabButton { text: qsTr("Form"); width: implicitWidth + 12; font.pixelSize: 12 }
                TabButton { text: qsTr("Text"); width: implicitWidth + 12; font.pixelSize: 12 }
                TabButton {
                    objectName: "scenario.previewTab"
                    text: qsTr("Preview")
                    width: implicitWidth + 12
                    font.pixelSize: 12
                    onClicked: editor.refreshPreview()
                }
            }
        }

        Text {
            objectName: "scenario.problem"
            Layout.fillWidth: true
            Layout.leftMargin: 8
            Layout.rightMargin: 8
            visible: editor.problem !== ""
            text: editor.problem
            color: Theme.error
            font.pixelSize: 12
            wrapMode: Text.Wrap
            textFormat: Text.PlainText
        }

        StackLayout {
            Layout.fillWidth: true
            Layout.fillHeight: true
            currentIndex: views.currentIndex

            // ---- Form -------------------------------------------------------------
            ScrollView {
                id: formView
                clip: true
                contentWidth: availableWidth

                ColumnLayout {
                    width: formView.availableWidth - 16
                    x: 8
                    spacing: 6

                    Section { title: qsTr("Settings") }
                    RowLayout {
                        spacing: 8
                        Entry {
                            label: qsTr("Description"); name: "scenario.description"
                            Layout.preferredWidth: 320
                            value: editor.settings.description || ""
                            onCommitted: t => editor.setValue("", "description", t)
                        }
                        Entry {
                            label: qsTr("Seed"); name: "scenario.seed"; hint: "1"
                            Layout.preferredWidth: 70
                            value: editor.settings.seed || ""
                            onCommitted: t => editor.setValue("", "seed", t, "number")
                        }
                        Entry {
                            label: qsTr("Start (UTC)"); name: "scenario.start"; hint: "2026-11-20T06:00:00Z"
                            Layout.preferredWidth: 170
                            value: editor.settings.start || ""
                            onCommitted: t => editor.setValue("", "start", t)
                        }
                        Entry {
                            label: qsTr("Duration"); name: "scenario.duration"; hint: "1h"
                            Layout.preferredWidth: 80
                            value: editor.settings.duration || ""
                            onCommitted: t => editor.setValue("", "duration", t)
                        }
                    }

                    Section {
                        title: qsTr("Populations: the keys that send")
                        action: qsTr("Add population"); name: "scenario.addPopulation"
                        onTriggered: editor.addItem("population")
                    }
                    Repeater {
                        model: editor.populations.length
                        Card {
                            id: populationCard
                            required property int index
                            readonly property var item: editor.populations[index] || ({})
                            problem: item.problem || ""
                            RowLayout {
                                spacing: 8
                                Entry {
                                    label: qsTr("Name"); value: populationCard.item.name || ""
                                    onCommitted: t => editor.renameItem(populationCard.item.table, t)
                                }
                                Entry {
                                    label: qsTr("Count"); hint: "1"; Layout.preferredWidth: 80
                                    value: populationCard.item.count || ""
                                    onCommitted: t => editor.setValue(populationCard.item.table, "count", t, "number")
                                }
                                Entry {
                                    label: qsTr("Names"); hint: "press-{n:02}"; Layout.preferredWidth: 140
                                    value: populationCard.item.names || ""
                                    onCommitted: t => editor.setValue(populationCard.item.table, "names", t)
                                }
                                Entry {
                                    label: qsTr("Or the names themselves"); hint: "north-1, south-1"
                                    Layout.preferredWidth: 220
                                    value: populationCard.item.values || ""
                                    onCommitted: t => editor.setValue(populationCard.item.table, "values", t, "list")
                                }
                                Item { Layout.fillWidth: true }
                                Button {
                                    text: qsTr("Remove"); font.pixelSize: 12
                                    onClicked: editor.removeItem(populationCard.item.table)
                                }
                            }
                            Problem { problem: populationCard.problem }
                        }
                    }

                    Section {
                        title: qsTr("Generators: events of a source, per key")
                        action: qsTr("Add generator"); name: "scenario.addGenerator"
                        onTriggered: editor.addItem("generate")
                    }
                    Repeater {
                        model: editor.generators.length
                        Card {
                            id: generatorCard
                            required property int index
                            readonly property var item: editor.generators[index] || ({})
                            objectName: "scenario.generator." + (item.name || "")
                            problem: item.problem || ""
                            RowLayout {
                                spacing: 8
                                Entry {
                                    label: qsTr("Name"); value: generatorCard.item.name || ""
                                    onCommitted: t => editor.renameItem(generatorCard.item.table, t)
                                }
                                Choice {
                                    label: qsTr("Source"); options: editor.sourceNames
                                    value: generatorCard.item.source || generatorCard.item.name || ""
                                    onChosen: t => editor.setValue(generatorCard.item.table, "source", t)
                                }
                                Choice {
                                    label: qsTr("Per key of"); options: root.populationNames(); none: qsTr("(one key)")
                                    value: generatorCard.item.per || ""
                                    onChosen: t => editor.setValue(generatorCard.item.table, "per", t)
                                }
                                Choice {
                                    label: qsTr("Arrival"); options: ["fixed", "poisson", "bursts"]
                                    Layout.preferredWidth: 100
                                    value: generatorCard.item.arrival || "fixed"
                                    onChosen: t => editor.setValue(generatorCard.item.table, "arrival", t)
                                }
                                Entry {
                                    label: qsTr("Every"); hint: "1s"; Layout.preferredWidth: 70
                                    value: generatorCard.item.every || ""
                                    onCommitted: t => editor.setValue(generatorCard.item.table, "every", t)
                                }
                                Entry {
                                    visible: generatorCard.item.arrival === "bursts"
                                    label: qsTr("Burst"); hint: "1"; Layout.preferredWidth: 60
                                    value: generatorCard.item.burst || ""
                                    onCommitted: t => editor.setValue(generatorCard.item.table, "burst", t, "number")
                                }
                                Entry {
                                    visible: generatorCard.item.arrival === "bursts"
                                    label: qsTr("Burst gap"); hint: "1s"; Layout.preferredWidth: 70
                                    value: generatorCard.item.burst_gap || ""
                                    onCommitted: t => editor.setValue(generatorCard.item.table, "burst_gap", t)
                                }
                                Entry {
                                    label: qsTr("From"); hint: "0s"; Layout.preferredWidth: 60
                                    value: generatorCard.item.from || ""
                                    onCommitted: t => editor.setValue(generatorCard.item.table, "from", t)
                                }
                                Entry {
                                    label: qsTr("Until"); hint: qsTr("the end"); Layout.preferredWidth: 60
                                    value: generatorCard.item.until || ""
                                    onCommitted: t => editor.setValue(generatorCard.item.table, "until", t)
                                }
                                Entry {
                                    label: qsTr("Limit"); hint: qsTr("none"); Layout.preferredWidth: 70
                                    value: generatorCard.item.limit || ""
                                    onCommitted: t => editor.setValue(generatorCard.item.table, "limit", t, "number")
                                }
                                Item { Layout.fillWidth: true }
                                Button {
                                    text: qsTr("Remove"); font.pixelSize: 12
                                    onClicked: editor.removeItem(generatorCard.item.table)
                                }
                            }
                            Repeater {
                                model: (generatorCard.item.fields || []).length
                                FieldSpecRow {
                                    required property int index
                                    editor: root.editor
                                    table: generatorCard.item.table || ""
                                    entry: generatorCard.item.fields[index] || ({})
                                }
                            }
                            Problem { problem: generatorCard.problem }
                        }
                    }

                    Section {
                        title: qsTr("Anomalies: what changes for some keys, for a while")
                        action: qsTr("Add anomaly"); name: "scenario.addAnomaly"
                        onTriggered: editor.addItem("anomaly")
                    }
                    Repeater {
                        model: editor.anomalies.length
                        Card {
                            id: anomalyCard
                            required property int index
                            readonly property var item: editor.anomalies[index] || ({})
                            readonly property var generator: editor.generators.find(g => g.name === item.generate)
                            problem: item.problem || ""
                            RowLayout {
                                spacing: 8
                                Entry {
                                    label: qsTr("Name"); value: anomalyCard.item.name || ""
                                    onCommitted: t => editor.renameItem(anomalyCard.item.table, t)
                                }
                                Choice {
                                    label: qsTr("Changes generator"); options: root.generatorNames()
                                    value: anomalyCard.item.generate || ""
                                    onChosen: t => editor.setValue(anomalyCard.item.table, "generate", t)
                                }
                                Entry {
                                    label: qsTr("For keys"); hint: qsTr("every key"); Layout.preferredWidth: 180
                                    name: "scenario.anomaly." + anomalyCard.index + ".keys"
                                    value: anomalyCard.item.keys || ""
                                    onCommitted: t => editor.setValue(anomalyCard.item.table, "keys", t, "list")
                                }
                                Button {
                                    objectName: "scenario.anomaly." + anomalyCard.index + ".pickKeys"
                                    text: qsTr("Pick…"); font.pixelSize: 12
                                    Layout.alignment: Qt.AlignBottom
                                    enabled: !!anomalyCard.generator && (anomalyCard.generator.per || "") !== ""
                                    onClicked: keyPicker.openFor(anomalyCard.item, anomalyCard.generator.name)
                                    ToolTip.visible: hovered
                                    ToolTip.text: enabled ? qsTr("Pick keys of the generator's population")
                                                          : qsTr("The generator sends as one key")
                                }
                                Entry {
                                    label: qsTr("At"); hint: "3h"; Layout.preferredWidth: 70
                                    value: anomalyCard.item.at || ""
                                    onCommitted: t => editor.setValue(anomalyCard.item.table, "at", t)
                                }
                                Entry {
                                    label: qsTr("For"); hint: "5m"; Layout.preferredWidth: 70
                                    value: anomalyCard.item["for"] || ""
                                    onCommitted: t => editor.setValue(anomalyCard.item.table, "for", t)
                                }
                                CheckBox {
                                    text: qsTr("Silent")
                                    font.pixelSize: 12
                                    checked: anomalyCard.item.silent === "true"
                                    onToggled: editor.setValue(anomalyCard.item.table, "silent", checked ? "true" : "", "bool")
                                    ToolTip.visible: hovered
                                    ToolTip.text: qsTr("The keys send nothing while it lasts")
                                }
                                Choice {
                                    label: qsTr("Change a field")
                                    none: qsTr("(pick a field)")
                                    options: anomalyCard.generator ? anomalyCard.generator.fields.filter(f => f.given).map(f => f.field) : []
                                    value: ""
                                    onChosen: t => {
                                        const f = anomalyCard.generator.fields.find(f => f.field === t)
                                        if (f) editor.setFieldSpec(anomalyCard.item.table, t, f.spec)
                                    }
                                }
                                Item { Layout.fillWidth: true }
                                Button {
                                    text: qsTr("Remove"); font.pixelSize: 12
                                    onClicked: editor.removeItem(anomalyCard.item.table)
                                }
                            }
                            Repeater {
                                model: (anomalyCard.item.fields || []).length
                                FieldSpecRow {
                                    required property int index
                                    editor: root.editor
                                    table: anomalyCard.item.table || ""
                                    entry: anomalyCard.item.fields[index] || ({})
                                }
                            }
                            Problem { problem: anomalyCard.problem }
                        }
                    }

                    Section {
                        title: qsTr("Replays: recorded files played again")
                        action: qsTr("Import recording…"); name: "scenario.addReplay"
                        onTriggered: importDialog.open()
                    }
                    Repeater {
                        model: editor.replays.length
                        Card {
                            id: replayCard
                            required property int index
                            readonly property var item: editor.replays[index] || ({})
                            problem: item.problem || ""
                            RowLayout {
                                spacing: 8
                                Entry {
                                    label: qsTr("Name"); value: replayCard.item.name || ""
                                    onCommitted: t => editor.renameItem(replayCard.item.table, t)
                                }
                                Entry {
                                    label: qsTr("File"); Layout.preferredWidth: 220
                                    value: replayCard.item.file || ""
                                    onCommitted: t => editor.setValue(replayCard.item.table, "file", t)
                                }
                                Choice {
                                    label: qsTr("Source"); options: editor.sourceNames
                                    none: qsTr("(named per record)")
                                    value: replayCard.item.source || ""
                                    onChosen: t => editor.setValue(replayCard.item.table, "source", t)
                                }
                                Entry {
                                    label: qsTr("Shift"); hint: qsTr("to the start"); Layout.preferredWidth: 80
                                    value: replayCard.item.shift || ""
                                    onCommitted: t => editor.setValue(replayCard.item.table, "shift", t)
                                }
                                Entry {
                                    label: qsTr("Scale"); hint: "1"; Layout.preferredWidth: 60
                                    value: replayCard.item.scale || ""
                                    onCommitted: t => editor.setValue(replayCard.item.table, "scale", t, "number")
                                }
                                Item { Layout.fillWidth: true }
                                Button {
                                    text: qsTr("Remove"); font.pixelSize: 12
                                    onClicked: editor.removeItem(replayCard.item.table)
                                }
                            }
                            Repeater {
                                model: (replayCard.item.columns || []).length
                                RowLayout {
                                    id: columnRow
                                    required property int index
                                    readonly property var column: replayCard.item.columns[index] || ({})
                                    spacing: 8
                                    Text {
                                        text: qsTr("column %1 holds").arg(columnRow.column.column)
                                        color: Theme.mutedText
                                        font.pixelSize: 12
                                        Layout.preferredWidth: 180
                                    }
                                    Choice {
                                        Layout.preferredWidth: 180
                                        options: root.fieldsOf(replayCard.item.source)
                                        none: qsTr("(left out)")
                                        value: columnRow.column.field || ""
                                        onChosen: t => editor.setColumn(replayCard.item.table, columnRow.column.column, t)
                                    }
                                    Item { Layout.fillWidth: true }
                                }
                            }
                            Problem { problem: replayCard.problem }
                        }
                    }

                    Section {
                        title: qsTr("Script: exact events")
                        action: qsTr("Add event"); name: "scenario.addEvent"
                        onTriggered: editor.addScriptEvent("+0s", editor.sourceNames.length > 0 ? editor.sourceNames[0] : "", "{}")
                    }
                    Repeater {
                        model: editor.script.length
                        ColumnLayout {
                            id: scriptRow
                            required property int index
                            readonly property var event: editor.script[index] || ({})
                            spacing: 1
                            RowLayout {
                                spacing: 6
                                TextField {
                                    id: offsetField
                                    objectName: "scenario.script." + scriptRow.index + ".offset"
                                    Layout.preferredWidth: 90
                                    text: scriptRow.event.offset || ""
                                    placeholderText: "+1h5m"
                                    font.family: Theme.monoFamily
                                    font.pixelSize: 12
                                    onEditingFinished: if (text !== scriptRow.event.offset) scriptRow.save()
                                }
                                ComboBox {
                                    id: sourceBox
                                    Layout.preferredWidth: 140
                                    font.pixelSize: 12
                                    model: editor.sourceNames
                                    currentIndex: Math.max(0, editor.sourceNames.indexOf(scriptRow.event.source))
                                    onActivated: scriptRow.save()
                                }
                                TextField {
                                    id: jsonField
                                    objectName: "scenario.script." + scriptRow.index + ".json"
                                    Layout.fillWidth: true
                                    text: scriptRow.event.json || ""
                                    placeholderText: "{\"device\": \"press-07\", \"temp\": 85}"
                                    font.family: Theme.monoFamily
                                    font.pixelSize: 12
                                    onEditingFinished: if (text !== scriptRow.event.json) scriptRow.save()
                                }
                                // Events at the same offset go in the order of their rows.
                                ToolButton {
                                    objectName: "scenario.script." + scriptRow.index + ".up"
                                    text: "\u2191"; font.pixelSize: 12
                                    enabled: scriptRow.index > 0
                                    onClicked: editor.moveScriptEvent(scriptRow.index, -1)
                                    ToolTip.visible: hovered; ToolTip.text: qsTr("Move up")
                                }
                                ToolButton {
                                    objectName: "scenario.script." + scriptRow.index + ".down"
                                    text: "\u2193"; font.pixelSize: 12
                                    enabled: scriptRow.index < editor.script.length - 1
                                    onClicked: editor.moveScriptEvent(scriptRow.index, 1)
                                    ToolTip.visible: hovered; ToolTip.text: qsTr("Move down")
                                }
                                Button {
                                    text: qsTr("Remove"); font.pixelSize: 12
                                    onClicked: editor.removeScriptEvent(scriptRow.index)
                                }
                            }
                            Problem { problem: scriptRow.event.problem || "" }
                            function save() {
                                editor.setScriptEvent(index, offsetField.text, sourceBox.currentText, jsonField.text)
                            }
                        }
                    }
                    Item { Layout.preferredHeight: 8 }
                }
            }

            // ---- Text -------------------------------------------------------------
            ColumnLayout {
                spacing: 4
                ScrollView {
                    Layout.fillWidth: true
                    Layout.fillHeight: true
                    TextArea {
                        id: textView
                        objectName: "scenario.text"
                        text: editor.text
                        selectByMouse: true
                        wrapMode: TextEdit.NoWrap
                        font.family: Theme.monoFamily
                        font.pixelSize: 12
                        color: Theme.text
                        background: Rectangle { color: Theme.base }
                    }
                }
                RowLayout {
                    Layout.margins: 4
                    Button {
                        objectName: "scenario.applyText"
                        text: qsTr("Apply")
                        enabled: textView.text !== editor.text
                        onClicked: editor.setText(textView.text)
                    }
                    Button {
                        text: qsTr("Discard")
                        enabled: textView.text !== editor.text
                        onClicked: textView.text = editor.text
                    }
                }
            }

            // ---- Preview ----------------------------------------------------------
            ColumnLayout {
                spacing: 2
                RowLayout {
                    Layout.margins: 4
                    Button {
                        text: qsTr("Refresh")
                        onClicked: editor.refreshPreview()
                    }
                    Text {
                        objectName: "scenario.previewSummary"
                        Layout.fillWidth: true
                        text: editor.previewSummary
                        color: Theme.mutedText
                        font.pixelSize: 12
                        elide: Text.ElideRight
                    }
                }
                ListView {
                    Layout.fillWidth: true
                    Layout.fillHeight: true
                    clip: true
                    model: editor.preview
                    boundsBehavior: Flickable.StopAtBounds
                    ScrollBar.vertical: ScrollBar {}
                    delegate: Text {
                        required property var modelData
                        width: ListView.view.width
                        leftPadding: 8
                        text: modelData.time + "  " + modelData.source + "  " + modelData.fields
                        font.family: Theme.monoFamily
                        font.pixelSize: 11
                        color: Theme.text
                        elide: Text.ElideRight
                        textFormat: Text.PlainText
                    }
                }
            }
        }
    }

    Popup {
        id: newPopup
        anchors.centerIn: Overlay.overlay
        modal: true
        focus: true
        padding: 12
        onOpened: { newName.text = ""; newName.forceActiveFocus() }
        ColumnLayout {
            spacing: 6
            Text { text: qsTr("A new scenario in scenarios/"); color: Theme.text; font.pixelSize: 13 }
            TextField {
                id: newName
                objectName: "scenario.newName"
                Layout.preferredWidth: 260
                placeholderText: qsTr("name, such as night_shift")
                onAccepted: createButton.clicked()
            }
            RowLayout {
                Button {
                    id: createButton
                    text: qsTr("Create")
                    highlighted: true
                    enabled: newName.text.trim() !== ""
                    onClicked: {
                        if (editor.create(newName.text.trim())) {
                            bench.refreshScenarios()
                            bench.scenario = editor.name
                            newPopup.close()
                        }
                    }
                }
                Button { text: qsTr("Cancel"); onClicked: newPopup.close() }
            }
        }
    }

    // Picks an anomaly's keys from its generator's population: the keys whose
    // names contain the filter (the first 200), ticked when the anomaly has them.
    Popup {
        id: keyPicker
        objectName: "scenario.keyPicker"
        property string table
        property string generator
        property var chosen: []
        property var shown: []
        function openFor(anomaly, generatorName) {
            table = anomaly.table
            generator = generatorName
            chosen = (anomaly.keys || "").split(",").map(k => k.trim()).filter(k => k !== "")
            keyFilter.text = ""
            refill()
            open()
        }
        function refill() { shown = editor.keysOf(generator, keyFilter.text, 200) }
        function toggle(key, on) {
            const next = chosen.filter(k => k !== key)
            if (on) next.push(key)
            chosen = next
            editor.setValue(table, "keys", chosen.join(", "), "list")
        }
        anchors.centerIn: Overlay.overlay
        modal: true
        focus: true
        padding: 12
        ColumnLayout {
            spacing: 6
            Text {
                text: qsTr("Keys of %1 that the anomaly changes (none: every key)").arg(keyPicker.generator)
                color: Theme.text; font.pixelSize: 13
            }
            TextField {
                id: keyFilter
                objectName: "scenario.keyFilter"
                Layout.preferredWidth: 300
                placeholderText: qsTr("Filter, such as press-0")
                onTextChanged: keyPicker.refill()
            }
            ListView {
                objectName: "scenario.keyList"
                Layout.preferredWidth: 300
                Layout.preferredHeight: 240
                clip: true
                model: keyPicker.shown
                ScrollBar.vertical: ScrollBar {}
                delegate: CheckDelegate {
                    required property string modelData
                    width: ListView.view.width
                    height: 26
                    font.pixelSize: 12
                    text: modelData
                    checked: keyPicker.chosen.indexOf(modelData) >= 0
                    onToggled: keyPicker.toggle(modelData, checked)
                }
            }
            Text {
                text: keyPicker.shown.length >= 200 ? qsTr("The first 200 that fit: filter to find others.")
                                                    : qsTr("%n key(s)", "", keyPicker.shown.length)
                color: Theme.mutedText; font.pixelSize: 11
            }
            RowLayout {
                Button {
                    text: qsTr("Every key")
                    onClicked: { keyPicker.chosen = []; editor.setValue(keyPicker.table, "keys", "", "list") }
                }
                Item { Layout.fillWidth: true }
                Button { text: qsTr("Done"); highlighted: true; onClicked: keyPicker.close() }
            }
        }
    }

    FileDialog {
        id: importDialog
        title: qsTr("Import a recording (CSV or JSON lines)")
        nameFilters: [qsTr("Recordings (*.csv *.jsonl *.ndjson *.json)"), qsTr("All files (*)")]
        onAccepted: editor.importRecording(root.urlToPath(selectedFile))
    }
}
