import QtQuick
import QtTest
import Cepheus.Studio

// The inspector: the form of the selected node, fields that change the rule
// text, values that do not parse refused and the text kept.
Item {
    id: root
    width: 380
    height: 900

    ProjectDocument { id: project }

    InspectorPanel {
        id: inspector
        anchors.fill: parent
        project: project
    }

    StudioTestCase {
        name: "Inspector"
        when: windowShown

        function init() {
            verify(project.openFolder(LaunchOptions.templatesFolder + "/predictive-maintenance"))
        }
        function cleanup() {
            project.close()
        }

        function editorOf(key) {
            const field = findChild(inspector, "field." + key)
            verify(field !== null, key)
            return field
        }

        function test_shows_the_form_of_the_selected_node() {
            project.findNode("overheating")
            tryCompare(findChild(inspector, "inspector.name"), "text", "overheating")
            editorOf("match")
            editorOf("partition by")
            editorOf("skip")
            project.findNode("overheated")
            tryCompare(findChild(inspector, "inspector.name"), "text", "overheated")
            editorOf("severity")
            editorOf("message")
        }

        function test_a_field_changes_the_statement() {
            project.findNode("over_limit")
            tryCompare(findChild(inspector, "inspector.name"), "text", "over_limit")
            const field = editorOf("where")
            const input = findChild(field, "field.where.input")
            verify(input !== null)
            click(input)
            verify(input.activeFocus, "the click did not reach the editor")
            keyClick(Qt.Key_A, Qt.ControlModifier)
            for (const c of "temp > 99")
                keyClick(c)
            keyClick(Qt.Key_Return)
            tryVerify(() => project.statementText(project.selectedNode).indexOf("where temp > 99") >= 0)
        }

        function test_a_schema_from_a_pasted_sample_message() {
            project.findNode("Maintenance")
            tryCompare(findChild(inspector, "inspector.name"), "text", "Maintenance")
            const sample = findChild(inspector, "schema.sample")
            verify(sample !== null)
            sample.text = '{"device": "press-7", "visits": 2, "ts": "2026-11-21T08:00:00Z"}'
            click(findChild(inspector, "schema.infer"))
            tryVerify(() => project.statementText(project.selectedNode).indexOf("visits: int") >= 0)
            verify(project.statementText(project.selectedNode).indexOf("ts: timestamp") >= 0)
        }

        function test_completion_offers_fields_and_takes_one_with_enter() {
            project.findNode("over_limit")
            tryCompare(findChild(inspector, "inspector.name"), "text", "over_limit")
            const input = findChild(editorOf("where"), "field.where.input")
            click(input)
            verify(input.activeFocus, "the click did not reach the editor")
            keyClick(Qt.Key_A, Qt.ControlModifier)
            for (const c of "te")
                keyClick(c)
            const popup = editorOf("where").completionPopup
            tryVerify(() => popup.opened)
            compare(popup.items[0].text, "temp")
            keyClick(Qt.Key_Return)
            compare(input.text, "temp")
            verify(!popup.opened)
            for (const c of " > 90")
                keyClick(c)
            keyClick(Qt.Key_Return)
            tryVerify(() => project.statementText(project.selectedNode).indexOf("where temp > 90") >= 0)
        }

        function test_a_value_that_does_not_parse_is_refused() {
            project.findNode("overheated")
            tryCompare(findChild(inspector, "inspector.name"), "text", "overheated")
            const before = project.statementText(project.selectedNode)
            const input = findChild(editorOf("throttle"), "field.throttle.input")
            click(input)
            verify(input.activeFocus, "the click did not reach the editor")
            keyClick(Qt.Key_A, Qt.ControlModifier)
            for (const c of "soon")
                keyClick(c)
            keyClick(Qt.Key_Return)
            compare(project.statementText(project.selectedNode), before)
            verify(project.lastMessage.length > 0)
        }
    }
}
