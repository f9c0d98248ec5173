import QtQuick
import QtQuick.Layouts

// The title bar of a panel: a small uppercase title on the left and room for
// a few controls (counts, buttons) on the right, with a hairline underneath.
Rectangle {
    id: root

    property string title
    // Children go into the row on the right.
    default property alias extras: extrasRow.data

    implicitHeight: Theme.headerHeight
    color: Theme.panelHeader

    RowLayout {
        anchors.fill: parent
        anchors.leftMargin: 12
        anchors.rightMargin: 8
        spacing: Theme.spacing

        Text {
            text: root.title
            color: Theme.mutedText
            font.pixelSize: Theme.smallFontSize
            font.weight: Font.DemiBold
            font.capitalization: Font.AllUppercase
            font.letterSpacing: 0.6
            elide: Text.ElideRight
            textFormat: Text.PlainText
            Layout.fillWidth: true
        }

        RowLayout {
            id: extrasRow
            spacing: Theme.spacing
        }
    }

    Rectangle {
        anchors.left: parent.left
        anchors.right: parent.right
        anchors.bottom: parent.bottom
        height: 1
        color: Theme.border
    }
}
