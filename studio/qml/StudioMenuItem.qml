import QtQuick
import QtQuick.Controls

// A menu entry that also shows its action's shortcut, right-aligned (the
// Fusion MenuItem shows only the text).
MenuItem {
    id: control

    readonly property string shortcutText: action && action.shortcut ? String(action.shortcut) : ""
    readonly property real indicatorSpace: checkable && indicator ? indicator.width + spacing : 0

    implicitWidth: Math.max(240, label.implicitWidth + keys.implicitWidth + indicatorSpace + 48 + leftPadding + rightPadding)

    contentItem: Item {
        implicitHeight: label.implicitHeight

        Text {
            id: label
            x: control.mirrored ? 0 : control.indicatorSpace
            width: parent.width - control.indicatorSpace - keys.implicitWidth - 16
            anchors.verticalCenter: parent.verticalCenter
            text: control.text
            font: control.font
            elide: Text.ElideRight
            textFormat: Text.PlainText
            color: control.highlighted ? control.palette.highlightedText : control.palette.text
        }
        Text {
            id: keys
            anchors.right: parent.right
            anchors.verticalCenter: parent.verticalCenter
            text: control.shortcutText
            font.pixelSize: control.font.pixelSize - 1
            textFormat: Text.PlainText
            color: control.highlighted ? control.palette.highlightedText
                 : control.enabled ? Theme.mutedText : Theme.faintText
        }
    }
}
