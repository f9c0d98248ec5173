import QtQuick
import QtTest

// A TestCase that clicks an item only once it has been laid out. The panels
// make their editors in a Qt.callLater and their layouts place them at the
// next polish; a click before that lands where the item is not yet (on a
// loaded machine, tryCompare can return between the two).
TestCase {
    // Waits until neither the item nor any layout around it has a polish pending.
    function waitUntilPlaced(item) {
        for (let around = item; around !== null; around = around.parent)
            verify(waitForItemPolished(around), "not laid out: " + around)
    }

    // A click where the user would see the item.
    function click(item) {
        verify(item !== null, "no item to click")
        waitUntilPlaced(item)
        mouseClick(item)
    }
}
