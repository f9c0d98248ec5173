import QtQuick
import QtQuick.Controls

// A menu wide enough for its entries' shortcuts (the entries are StudioMenuItems).
Menu {
    delegate: StudioMenuItem {}
    width: 290
}
