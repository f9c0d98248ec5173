import QtQuick
import QtQuick.Controls
import QtQuick.Layouts

// A pattern's steps as cards, for someone who does not know the rule syntax:
// each card says how the step follows the one before, which stream it waits
// for (or that nothing arrives), how many events, on what condition and how
// soon. Below, what happens after a match (the `skip` clause).
//
// The document stays the single source of truth: the rows are read from the
// `match` text, and every change writes the whole clause back at once (one
// undoable edit). A refused change stays on show, with the reason underneath,
// so it can be corrected; the text is not touched.
ColumnLayout {
    id: root
    objectName: "patternBuilder"

    property var project
    property int nodeId: -1          // set once by the inspector: a late commit never lands on another node
    property string matchText        // the `match` clause as in the document, one step per line
    property string skipText         // the `skip` clause: "", "past last", "to first hot"...
    property string selfName         // the pattern's own name, left out of the stream choices

    // The steps on show: project.patternSteps(matchText), or an edit it refused.
    property var rows: []
    // Names a step may read: the project's event producers, plus any name a step
    // uses that is not one of them (typed in the text), so no choice loses it.
    property var streamChoices: []
    property string error
    readonly property bool parsed: rows.length > 0

    readonly property var connectors: [
        { value: "then", label: qsTr("then, later (then)") },
        { value: "next", label: qsTr("right after it (next)") },
        { value: "then any", label: qsTr("then, each later one (then any)") }
    ]
    readonly property var kinds: [
        { value: "step", label: qsTr("An event") },
        { value: "absence", label: qsTr("No event") }
    ]
    readonly property var counts: [
        { value: "once", label: qsTr("once") },
        { value: "exactly", label: qsTr("exactly n times") },
        { value: "at least", label: qsTr("at least n times") },
        { value: "between", label: qsTr("between n and m times") },
        { value: "optional", label: qsTr("optionally (0 or 1)") },
        { value: "any number", label: qsTr("any number (0 or more)") },
        { value: "one or more", label: qsTr("one or more") }
    ]
    readonly property var greeds: [
        { value: "greedy", label: qsTr("greedy (as many as possible)") },
        { value: "reluctant", label: qsTr("reluctant (as few as needed)") }
    ]
    readonly property var skips: [
        { value: "past last", label: qsTr("past last (default)") },
        { value: "no skip", label: qsTr("no skip") },
        { value: "to next", label: qsTr("to next") },
        { value: "to first", label: qsTr("to first of step") },
        { value: "to last", label: qsTr("to last of step") }
    ]

    function indexIn(options, value) {
        for (let i = 0; i < options.length; ++i)
            if (options[i].value === value)
                return i
        return -1
    }

    function rebuild() {
        if (!project)
            return
        const list = project.patternSteps(matchText)
        const names = []
        for (const name of project.streamNames())
            if (name !== selfName)
                names.push(name)
        for (const row of list)
            if (row.kind !== "group" && row.stream && names.indexOf(row.stream) < 0)
                names.push(row.stream)
        error = ""
        if (names.join("\n") !== streamChoices.join("\n")) {
            // New choices make new cards: no stream ComboBox keeps an index into the old list.
            rows = []
            streamChoices = names
        }
        rows = list
    }
    onMatchTextChanged: rebuild()
    onSkipTextChanged: error = ""
    onProjectChanged: rebuild()
    Component.onCompleted: rebuild()

    // The rows as a new array of copies, ready to be changed and committed.
    function copyRows() {
        return rows.map(row => Object.assign({}, row))
    }

    function commit(next) {
        const text = project.patternText(next)
        if (text === matchText) {
            // Nothing changes in the text (a choice that reads the same): show the document again.
            error = ""
            rows = project.patternSteps(matchText)
            return
        }
        if (project.setFormField(nodeId, "match", text))
            error = ""
        else
            error = project.lastMessage !== "" ? project.lastMessage : qsTr("These steps are refused.")
        // Shown at once; once the document has the new text, rebuild() reads its canonical form.
        rows = next
    }

    function update(index, changes) {
        const next = copyRows()
        Object.assign(next[index], changes)
        commit(next)
    }

    // The first step has no connector and holds `every`: both stay with the first place.
    function fixFirst(next, every, connector) {
        if (next.length === 0)
            return
        next[0].connector = ""
        next[0].every = every
        for (let i = 1; i < next.length; ++i) {
            if (!next[i].connector)
                next[i].connector = connector || "then"
            next[i].every = false
        }
    }

    function move(index, delta) {
        const other = index + delta
        if (other < 0 || other >= rows.length)
            return
        const next = copyRows()
        const every = next[0].every === true
        const secondConnector = next[1] ? next[1].connector : "then"
        const moved = next[index]
        next[index] = next[other]
        next[other] = moved
        if (index === 0 || other === 0) {
            next[1].connector = secondConnector   // the step leaving the first place follows as the new first did
            next[0].connector = ""
        }
        fixFirst(next, every, secondConnector)
        commit(next)
    }

    function remove(index) {
        if (rows.length <= 1)
            return
        const next = copyRows()
        const every = next[0].every === true
        next.splice(index, 1)
        fixFirst(next, every, "then")
        commit(next)
    }

    // A new step reads what the last event step read, the likeliest next input.
    function defaultStream() {
        for (let i = rows.length - 1; i >= 0; --i)
            if (rows[i].kind === "step" && rows[i].stream)
                return rows[i].stream
        return streamChoices.length > 0 ? streamChoices[0] : ""
    }

    function add(kind) {
        const next = copyRows()
        next.push({
            connector: next.length === 0 ? "" : "then",
            every: false,
            kind: kind,
            binding: "",
            stream: defaultStream(),
            count: "once",
            min: 1,
            max: 1,
            reluctant: false,
            where: "",
            // An absence needs its deadline; five minutes is a start to adjust.
            within: kind === "absence" ? "5m" : "",
            text: ""
        })
        commit(next)
    }

    // A step's new count, keeping its numbers where they still mean something.
    function countChange(row, count) {
        const hadNumbers = ["exactly", "at least", "between"].indexOf(row.count) >= 0
        let min = hadNumbers ? Math.max(0, row.min || 0) : (count === "exactly" ? 2 : 1)
        if (count === "exactly" || count === "at least")
            min = Math.max(1, min)
        const max = Math.max(row.max || 0, min + 1)
        return { count: count, min: min, max: max }
    }

    // ---- After a match ----
    readonly property string skipMode: {
        const text = skipText.trim()
        if (text === "")
            return "past last"
        const to = /^to\s+(first|last)\b/.exec(text)
        return to ? "to " + to[1] : text
    }
    readonly property string skipStep: {
        const to = /^to\s+(?:first|last)\s+(\S+)/.exec(skipText.trim())
        return to ? to[1] : ""
    }
    // The strategies, with one the list does not know kept choosable.
    readonly property var skipOptions: indexIn(skips, skipMode) >= 0
                                       ? skips : skips.concat([{ value: skipMode, label: skipMode }])
    readonly property var stepNames: {
        const names = []
        for (const row of rows)
            if (row.kind === "step" && row.binding && names.indexOf(row.binding) < 0)
                names.push(row.binding)
        if (skipStep !== "" && names.indexOf(skipStep) < 0)
            names.push(skipStep)
        return names
    }
    readonly property bool skipNeedsStep: skipCombo.currentIndex >= 0
                                          && (skipOptions[skipCombo.currentIndex].value === "to first"
                                              || skipOptions[skipCombo.currentIndex].value === "to last")

    function commitSkip(mode, step) {
        if (mode === skipMode && step === skipStep)
            return
        const toStep = mode === "to first" || mode === "to last"
        if (toStep && step === "") {
            error = qsTr("Give a step a name first: the skip goes to the events of a named step.")
            return
        }
        const text = mode === "past last" ? "" : toStep ? mode + " " + step : mode
        if (project.setFormField(nodeId, "skip", text))
            error = ""
        else
            error = project.lastMessage !== "" ? project.lastMessage : qsTr("This choice is refused.")
    }

    CompletionPopup {
        id: completion
        project: root.project
        nodeId: root.nodeId
    }

    // Small square buttons for the cards' move and remove.
    component CardButton: ToolButton {
        property string tip
        implicitWidth: 24
        implicitHeight: 24
        padding: 0
        font.pixelSize: 12
        ToolTip.text: tip
        ToolTip.visible: hovered
        ToolTip.delay: 500
    }
    // The words to the left of a card's fields.
    component CardLabel: Text {
        color: Theme.mutedText
        font.pixelSize: 12
        Layout.alignment: Qt.AlignVCenter
    }

    spacing: 6

    Text {
        text: qsTr("Steps")
        color: Theme.mutedText
        font.pixelSize: 12
        font.weight: Font.DemiBold
    }

    Text {
        visible: !root.parsed
        text: qsTr("These steps use more than the builder shows; edit them as text below.")
        color: Theme.mutedText
        font.pixelSize: 12
        wrapMode: Text.Wrap
        Layout.fillWidth: true
    }

    Repeater {
        // The count, not the rows: cards are made anew only when steps come or go,
        // so a field being edited survives the rereading of the text.
        model: root.rows.length
        delegate: Rectangle {
            id: card
            required property int index
            readonly property var row: root.rows[index] || ({})
            readonly property string kind: row.kind || "step"
            readonly property string count: row.count || "once"
            readonly property bool isStep: kind === "step"
            readonly property bool isGroup: kind === "group"
            readonly property bool numbered: isStep && ["exactly", "at least", "between"].indexOf(count) >= 0

            objectName: "step." + index
            Layout.fillWidth: true
            implicitHeight: cardColumn.implicitHeight + 12
            radius: Theme.radius
            color: Theme.base
            border.color: Theme.border

            // The pattern's colour for what must arrive, a quiet grey for what must not.
            Rectangle {
                x: 1
                y: 1
                width: 3
                height: parent.height - 2
                radius: 1
                color: card.kind === "absence" ? Theme.faintText : Theme.kindPattern
            }

            ColumnLayout {
                id: cardColumn
                anchors.fill: parent
                anchors.margins: 6
                anchors.leftMargin: 10
                spacing: 4

                // How the step follows the one before; move and remove.
                RowLayout {
                    Layout.fillWidth: true
                    spacing: 2
                    ComboBox {
                        objectName: "step." + card.index + ".connector"
                        visible: card.index > 0
                        Layout.fillWidth: true
                        font.pixelSize: 12
                        model: root.connectors
                        textRole: "label"
                        valueRole: "value"
                        currentIndex: root.indexIn(root.connectors, card.row.connector || "then")
                        onActivated: (i) => root.update(card.index, { connector: root.connectors[i].value })
                        ToolTip.text: qsTr("next: the very next event must match; then: other events may come between; then any: every later match starts its own continuation")
                        ToolTip.visible: hovered
                        ToolTip.delay: 800
                    }
                    Text {
                        visible: card.index === 0
                        text: qsTr("First")
                        color: Theme.text
                        font.pixelSize: 12
                        font.weight: Font.DemiBold
                        Layout.fillWidth: true
                    }
                    CardButton {
                        objectName: "step." + card.index + ".up"
                        text: "\u2191"
                        tip: qsTr("Move up")
                        enabled: card.index > 0
                        onClicked: root.move(card.index, -1)
                    }
                    CardButton {
                        objectName: "step." + card.index + ".down"
                        text: "\u2193"
                        tip: qsTr("Move down")
                        enabled: card.index < root.rows.length - 1
                        onClicked: root.move(card.index, 1)
                    }
                    CardButton {
                        objectName: "step." + card.index + ".remove"
                        text: "\u2715"
                        tip: qsTr("Remove this step")
                        enabled: root.rows.length > 1    // a pattern needs a step
                        onClicked: root.remove(card.index)
                    }
                }

                CheckBox {
                    objectName: "step." + card.index + ".every"
                    visible: card.index === 0
                    text: qsTr("Every matching event starts a new match")
                    font.pixelSize: 12
                    padding: 0
                    checked: card.row.every === true
                    onToggled: root.update(card.index, { every: checked })
                    ToolTip.text: qsTr("Without it, a key has at most one match in progress.")
                    ToolTip.visible: hovered
                    ToolTip.delay: 800
                }

                // A group, or anything else the cards do not take apart, as its text.
                TextField {
                    objectName: "step." + card.index + ".text"
                    visible: card.isGroup
                    Layout.fillWidth: true
                    font.family: Theme.monoFamily
                    font.pixelSize: 12
                    selectByMouse: true
                    text: card.row.text || ""
                    onEditingFinished: if (text.trim() !== (card.row.text || ""))
                                           root.update(card.index, { text: text.trim() })
                    Keys.onEscapePressed: text = Qt.binding(() => card.row.text || "")
                }

                // What arrives (or must not): an event or its absence, and from which stream.
                RowLayout {
                    visible: !card.isGroup
                    Layout.fillWidth: true
                    spacing: 4
                    ComboBox {
                        objectName: "step." + card.index + ".kind"
                        Layout.preferredWidth: 104
                        font.pixelSize: 12
                        model: root.kinds
                        textRole: "label"
                        valueRole: "value"
                        currentIndex: root.indexIn(root.kinds, card.kind)
                        // A match cannot start with an absence (one typed so stays changeable).
                        enabled: card.index > 0 || card.kind === "absence"
                        onActivated: (i) => {
                            const kind = root.kinds[i].value
                            if (kind === card.kind)
                                return
                            root.update(card.index, kind === "absence"
                                        ? { kind: kind, binding: "", count: "once", reluctant: false,
                                            within: card.row.within || "5m" }
                                        : { kind: kind })
                        }
                    }
                    CardLabel { text: qsTr("from") }
                    ComboBox {
                        objectName: "step." + card.index + ".stream"
                        Layout.fillWidth: true
                        font.pixelSize: 12
                        editable: false
                        model: root.streamChoices
                        currentIndex: root.streamChoices.indexOf(card.row.stream || "")
                        displayText: currentIndex < 0 ? qsTr("(choose)") : currentText
                        onActivated: (i) => root.update(card.index, { stream: root.streamChoices[i] })
                    }
                }

                GridLayout {
                    visible: !card.isGroup
                    Layout.fillWidth: true
                    columns: 2
                    columnSpacing: 6
                    rowSpacing: 4

                    // Hidden in pairs (label and field), so the grid's cells stay aligned.
                    CardLabel { text: qsTr("named"); visible: card.isStep }
                    TextField {
                        objectName: "step." + card.index + ".binding"
                        visible: card.isStep
                        Layout.fillWidth: true
                        font.pixelSize: 12
                        selectByMouse: true
                        placeholderText: qsTr("a name to read it by, e.g. hot")
                        text: card.row.binding || ""
                        onEditingFinished: if (text.trim() !== (card.row.binding || ""))
                                               root.update(card.index, { binding: text.trim() })
                        Keys.onEscapePressed: text = Qt.binding(() => card.row.binding || "")
                    }

                    CardLabel { text: qsTr("how many"); visible: card.isStep }
                    RowLayout {
                        visible: card.isStep
                        Layout.fillWidth: true
                        spacing: 4
                        ComboBox {
                            objectName: "step." + card.index + ".count"
                            Layout.fillWidth: true
                            font.pixelSize: 12
                            model: root.counts
                            textRole: "label"
                            valueRole: "value"
                            currentIndex: root.indexIn(root.counts, card.count)
                            onActivated: (i) => {
                                const count = root.counts[i].value
                                if (count !== card.count)
                                    root.update(card.index, root.countChange(card.row, count))
                            }
                        }
                        SpinBox {
                            objectName: "step." + card.index + ".min"
                            visible: card.numbered
                            Layout.preferredWidth: 76
                            font.pixelSize: 12
                            editable: true
                            from: card.count === "between" ? 0 : 1
                            to: 9999
                            value: card.row.min || 0
                            onValueModified: {
                                const changes = { min: value }
                                if (card.count === "between" && (card.row.max || 0) < value)
                                    changes.max = value   // the range stays a range
                                root.update(card.index, changes)
                            }
                        }
                        CardLabel { text: qsTr("to"); visible: card.isStep && card.count === "between" }
                        SpinBox {
                            objectName: "step." + card.index + ".max"
                            visible: card.isStep && card.count === "between"
                            Layout.preferredWidth: 76
                            font.pixelSize: 12
                            editable: true
                            from: Math.max(1, card.row.min || 0)
                            to: 9999
                            value: card.row.max || 0
                            onValueModified: root.update(card.index, { max: value })
                        }
                    }

                    // Several events: as many as it can take, or as few as the next step allows.
                    Item { visible: card.isStep && card.count !== "once"; implicitWidth: 1; implicitHeight: 1 }
                    ComboBox {
                        objectName: "step." + card.index + ".greed"
                        visible: card.isStep && card.count !== "once"
                        Layout.fillWidth: true
                        font.pixelSize: 12
                        model: root.greeds
                        textRole: "label"
                        valueRole: "value"
                        currentIndex: card.row.reluctant === true ? 1 : 0
                        onActivated: (i) => root.update(card.index, { reluctant: root.greeds[i].value === "reluctant" })
                    }

                    CardLabel { text: qsTr("where") }
                    TextField {
                        objectName: "step." + card.index + ".where"
                        Layout.fillWidth: true
                        font.pixelSize: 12
                        selectByMouse: true
                        placeholderText: card.kind === "absence" ? qsTr("any such event, or e.g. kind == \"repair\"")
                                                                 : qsTr("any event, or e.g. temp > 80")
                        text: card.row.where || ""
                        onTextEdited: completion.refresh(this)
                        onEditingFinished: if (text.trim() !== (card.row.where || ""))
                                               root.update(card.index, { where: text.trim() })
                        Keys.onPressed: (event) => completion.handleKey(event)   // Enter taken there does not finish
                        Keys.onEscapePressed: text = Qt.binding(() => card.row.where || "")
                    }

                    CardLabel { text: qsTr("within") }
                    TextField {
                        objectName: "step." + card.index + ".within"
                        Layout.fillWidth: true
                        font.pixelSize: 12
                        selectByMouse: true
                        placeholderText: card.kind === "absence" ? qsTr("required, e.g. 5m")
                                       : card.count === "once" ? qsTr("no limit, or e.g. 1m after the step before")
                                                               : qsTr("no limit, or e.g. 1m from first to last")
                        text: card.row.within || ""
                        onEditingFinished: if (text.trim() !== (card.row.within || ""))
                                               root.update(card.index, { within: text.trim() })
                        Keys.onEscapePressed: text = Qt.binding(() => card.row.within || "")
                    }
                }
            }
        }
    }

    RowLayout {
        visible: root.parsed
        spacing: 6
        Button {
            objectName: "pattern.addStep"
            text: qsTr("+ Step")
            font.pixelSize: 12
            onClicked: root.add("step")
            ToolTip.text: qsTr("Wait for another event after the last step")
            ToolTip.visible: hovered
            ToolTip.delay: 500
        }
        Button {
            objectName: "pattern.addAbsence"
            text: qsTr("+ No event within\u2026")
            font.pixelSize: 12
            onClicked: root.add("absence")
            ToolTip.text: qsTr("Require that no such event arrives for a while after the last step")
            ToolTip.visible: hovered
            ToolTip.delay: 500
        }
    }

    // After a match: where matching resumes.
    ColumnLayout {
        visible: root.parsed
        Layout.fillWidth: true
        Layout.topMargin: 4
        spacing: 4
        Text {
            text: qsTr("After a match")
            color: Theme.mutedText
            font.pixelSize: 12
            font.weight: Font.DemiBold
        }
        RowLayout {
            Layout.fillWidth: true
            spacing: 4
            CardLabel { text: qsTr("skip") }
            ComboBox {
                id: skipCombo
                objectName: "pattern.skip"
                Layout.fillWidth: true
                font.pixelSize: 12
                model: root.skipOptions
                textRole: "label"
                valueRole: "value"
                currentIndex: root.indexIn(root.skipOptions, root.skipMode)
                onActivated: (i) => {
                    const mode = root.skipOptions[i].value
                    const toStep = mode === "to first" || mode === "to last"
                    root.commitSkip(mode, toStep ? (root.skipStep || root.stepNames[0] || "") : "")
                }
            }
            ComboBox {
                objectName: "pattern.skipStep"
                visible: root.skipNeedsStep
                Layout.preferredWidth: 100
                font.pixelSize: 12
                model: root.stepNames
                currentIndex: root.stepNames.indexOf(root.skipStep)
                displayText: currentIndex < 0 ? qsTr("(step)") : currentText
                onActivated: (i) => root.commitSkip(root.skipOptions[skipCombo.currentIndex].value, root.stepNames[i])
            }
        }
        Text {
            text: {
                switch (skipCombo.currentIndex >= 0 ? root.skipOptions[skipCombo.currentIndex].value : "") {
                case "past last": return qsTr("Matching starts again after the match's last event.")
                case "no skip": return qsTr("Every other match in progress goes on: matches may overlap.")
                case "to next": return qsTr("Matches in progress that began with the same first event are dropped.")
                case "to first": return qsTr("Matches in progress that began before the step's first event are dropped.")
                case "to last": return qsTr("Matches in progress that began before the step's last event are dropped.")
                }
                return ""
            }
            visible: text !== ""
            color: Theme.faintText
            font.pixelSize: 11
            wrapMode: Text.Wrap
            Layout.fillWidth: true
        }
    }

    Text {
        objectName: "pattern.error"
        visible: root.error !== ""
        text: root.error
        color: Theme.error
        font.pixelSize: 12
        wrapMode: Text.Wrap
        textFormat: Text.PlainText
        Layout.fillWidth: true
    }
}
