import QtQuick
import QtQuick.Controls
import QtQuick.Dialogs
import QtQuick.Layouts
import Cepheus.Studio

// Asks where a new project goes: a path to edit (prefilled), a Browse button,
// and the reason inline when the document refuses the folder, so the user can
// pick another without starting over. Used for new projects and template copies.
Popup {
    id: root

    property string heading
    property string explanation
    // Added to a folder picked with Browse (the template's name), or "" to use the folder itself.
    property string browseSuffix
    property string error
    // function(path) -> bool: makes the project; on false the document's message is shown.
    property var create: null
    property var project

    function ask(title, text, defaultPath, suffix, action) {
        heading = title
        explanation = text
        browseSuffix = suffix
        create = action
        error = ""
        field.text = defaultPath
        open()
    }

    function accept() {
        const target = field.text.trim()
        if (target === "") {
            error = qsTr("Choose a folder.")
            return
        }
        if (create && create(target))
            close()
        else
            error = project && project.lastMessage !== "" ? project.lastMessage : qsTr("That folder cannot be used.")
    }

    function urlToPath(url) {
        return decodeURIComponent(url.toString().replace(/^file:\/\//, ""))
    }

    parent: Overlay.overlay
    anchors.centerIn: parent
    width: Math.min(560, parent ? parent.width - 80 : 560)
    modal: true
    focus: true
    padding: 20
    closePolicy: Popup.CloseOnEscape | Popup.CloseOnPressOutside

    onOpened: {
        field.forceActiveFocus()
        field.selectAll()
    }

    background: Rectangle {
        color: Theme.panel
        border.color: Theme.border
        radius: 6
    }

    ColumnLayout {
        anchors.fill: parent
        spacing: 12

        Text {
            text: root.heading
            color: Theme.text
            font.pixelSize: 15
            font.weight: Font.DemiBold
        }
        Text {
            Layout.fillWidth: true
            text: root.explanation
            color: Theme.mutedText
            font.pixelSize: 12
            wrapMode: Text.Wrap
        }
        RowLayout {
            Layout.fillWidth: true
            spacing: Theme.spacing
            TextField {
                id: field
                Layout.fillWidth: true
                selectByMouse: true
                onAccepted: root.accept()
                onTextEdited: root.error = ""
            }
            Button {
                text: qsTr("Browse\u2026")
                onClicked: folderDialog.open()
            }
        }
        Text {
            visible: root.error !== ""
            Layout.fillWidth: true
            text: root.error
            color: Theme.error
            font.pixelSize: 12
            wrapMode: Text.Wrap
        }
        RowLayout {
            Layout.fillWidth: true
            Layout.topMargin: 4
            spacing: Theme.spacing
            Item { Layout.fillWidth: true }
            Button {
                text: qsTr("Cancel")
                onClicked: root.close()
            }
            Button {
                text: qsTr("Create")
                highlighted: true
                onClicked: root.accept()
            }
        }
    }

    FolderDialog {
        id: folderDialog
        title: root.heading
        currentFolder: LaunchOptions.documentsFolder ? "file://" + LaunchOptions.documentsFolder : ""
        onAccepted: {
            field.text = root.urlToPath(selectedFolder) + root.browseSuffix
            root.error = ""
        }
    }
}
