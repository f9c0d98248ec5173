import QtQuick
import QtTest
import Cepheus.Studio

// The palette: a tile per statement kind, a filter, double-click to add.
Item {
    id: root
    width: 260
    height: 900

    PalettePanel {
        id: palette
        anchors.fill: parent
    }

    SignalSpy {
        id: added
        target: palette
        signalName: "addRequested"
    }

    StudioTestCase {
        name: "Palette"
        when: windowShown

        function test_a_tile_for_every_kind() {
            for (const kind of ["source", "schema", "table", "stream", "window", "pattern", "twin", "alert", "sink"])
                verify(findChild(palette, "palette." + kind) !== null, kind)
        }

        function test_the_filter_hides_the_other_kinds() {
            const filter = findChild(palette, "palette.filter")
            click(filter)
            keyClick(Qt.Key_A, Qt.ControlModifier)
            for (const c of "window")
                keyClick(c)
            tryCompare(findChild(palette, "palette.source"), "height", 0)
            verify(findChild(palette, "palette.window").height > 0)
            keyClick(Qt.Key_A, Qt.ControlModifier)
            keyClick(Qt.Key_Delete)
            tryVerify(() => findChild(palette, "palette.source").height > 0)
        }

        function test_double_click_asks_to_add_that_kind() {
            added.clear()
            mouseDoubleClickSequence(findChild(palette, "palette.alert"))
            compare(added.count, 1)
            compare(added.signalArguments[0][0], "alert")
        }
    }
}
