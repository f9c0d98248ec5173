import QtQuick
import QtTest
import Cepheus.Studio

// The structured editors of the inspector: a pattern's steps as cards and a
// schema's fields as a table, each change written to the rule text at once.
Item {
    id: root
    width: 400
    height: 1400

    ProjectDocument { id: project }

    InspectorPanel {
        id: inspector
        anchors.fill: parent
        project: project
    }

    StudioTestCase {
        name: "PatternBuilder"
        when: windowShown

        function init() {
            verify(project.openFolder(LaunchOptions.templatesFolder + "/predictive-maintenance"))
        }
        function cleanup() {
            project.close()
        }

        function select(name) {
            project.findNode(name)
            tryCompare(findChild(inspector, "inspector.name"), "text", name)
        }

        function control(objectName) {
            let found = null
            tryVerify(() => (found = findChild(inspector, objectName)) !== null, 3000, objectName)
            return found
        }

        function text() {
            return project.statementText(project.selectedNode)
        }

        // Chooses an entry the way a keyboard user does: focus the closed
        // ComboBox and step to it (each step is an activation, as in the studio).
        function choose(combo, value) {
            let target = combo.indexOfValue(value)
            if (target < 0)
                target = combo.find(value)
            verify(target >= 0, "no entry " + value)
            combo.forceActiveFocus()
            for (let guard = 0; combo.currentIndex !== target && guard < 50; ++guard)
                keyClick(combo.currentIndex < target ? Qt.Key_Down : Qt.Key_Up)
            compare(combo.currentIndex, target)
        }

        function fill(field, value) {
            click(field)
            keyClick(Qt.Key_A, Qt.ControlModifier)
            for (const c of value)
                keyClick(c)
            keyClick(Qt.Key_Return)
        }

        function test_the_steps_are_shown_as_cards() {
            select("overheating")
            const builder = control("patternBuilder")
            tryCompare(builder, "parsed", true)
            compare(builder.rows.length, 2)
            verify(findChild(builder, "step.0.every").visible)
            verify(findChild(builder, "step.0.every").checked)
            verify(!findChild(builder, "step.0.connector").visible)
            compare(findChild(builder, "step.0.binding").text, "hot")
            compare(findChild(builder, "step.0.stream").currentText, "readings")
            compare(findChild(builder, "step.0.count").currentValue, "exactly")
            compare(findChild(builder, "step.0.min").value, 3)
            compare(findChild(builder, "step.0.where").text, "temp > 80")
            compare(findChild(builder, "step.0.within").text, "1m")
            compare(findChild(builder, "step.1.kind").currentValue, "absence")
            compare(findChild(builder, "step.1.stream").currentText, "maintenance")
            compare(findChild(builder, "step.1.within").text, "5m")
            verify(!findChild(builder, "step.1.binding").visible)
            // The text editors wait behind "Edit as text".
            verify(!findChild(inspector, "field.match").visible)
            click(findChild(inspector, "inspector.editAsText"))
            tryVerify(() => findChild(inspector, "field.match").visible)
        }

        function test_a_count_changes_the_match_text() {
            select("overheating")
            const builder = control("patternBuilder")
            tryCompare(builder, "parsed", true)
            choose(findChild(builder, "step.0.count"), "at least")
            tryVerify(() => text().indexOf("readings{3,}") >= 0, 3000, text())
            const min = findChild(builder, "step.0.min")
            tryVerify(() => min.visible)
            compare(min.value, 3)
            min.forceActiveFocus()
            keyClick(Qt.Key_Down)
            tryVerify(() => text().indexOf("readings{2,}") >= 0, 3000, text())
            // Several events: greedy or reluctant.
            const greed = findChild(builder, "step.0.greed")
            verify(greed.visible)
            choose(greed, "reluctant")
            tryVerify(() => text().indexOf("readings{2,} reluctant") >= 0, 3000, text())
        }

        function test_an_absence_step_is_added_and_filled() {
            select("overheating")
            const builder = control("patternBuilder")
            tryCompare(builder, "parsed", true)
            click(findChild(builder, "pattern.addAbsence"))
            tryVerify(() => builder.rows.length === 3)
            tryVerify(() => text().split("then not").length === 3, 3000, text())
            const stream = control("step.2.stream")
            choose(stream, "maintenance")
            fill(control("step.2.within"), "10m")
            tryVerify(() => text().indexOf("then not maintenance within 10m") >= 0, 3000, text())
            compare(findChild(builder, "step.2.kind").currentValue, "absence")
            compare(findChild(builder, "step.2.connector").currentValue, "then")
            verify(!findChild(builder, "pattern.error").visible)
        }

        function test_a_refused_step_shows_why() {
            select("overheating")
            const builder = control("patternBuilder")
            tryCompare(builder, "parsed", true)
            const before = text()
            fill(findChild(builder, "step.1.within"), "soon")
            const error = findChild(builder, "pattern.error")
            tryVerify(() => error.visible)
            verify(error.text.length > 0)
            compare(text(), before)
        }

        function test_the_skip_strategy() {
            select("overheating")
            const builder = control("patternBuilder")
            tryCompare(builder, "parsed", true)
            choose(findChild(builder, "pattern.skip"), "to first")
            tryVerify(() => text().indexOf("skip to first hot") >= 0, 3000, text())
            verify(findChild(builder, "pattern.skipStep").visible)
            choose(findChild(builder, "pattern.skip"), "past last")
            tryVerify(() => text().indexOf("skip") < 0, 3000, text())
        }

        function test_a_field_type_changes_the_schema() {
            select("Reading")
            const table = control("fieldTable")
            tryCompare(table, "parsed", true)
            compare(findChild(table, "fieldRow.1.name").text, "site")
            verify(findChild(table, "fieldRow.1.optional").checked)
            const type = findChild(table, "fieldRow.2.type")
            compare(type.currentText, "double")
            choose(type, "int")
            tryVerify(() => text().indexOf("temp: int,") >= 0, 3000, text())
            click(findChild(table, "fieldTable.add"))
            tryVerify(() => text().indexOf("field_6: string,") >= 0, 3000, text())
        }
    }
}
