import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Cepheus.Studio

// What the studio shows with no project open: new and open on the left with
// the recent projects, the template gallery on the right. A template opens as
// a copy (the templates themselves stay untouched), by default in
// Documents/Cepheus/<template>.
Rectangle {
    id: root

    required property var project
    required property var recent

    signal newProjectRequested()
    signal openProjectRequested()
    signal openPathRequested(string path)
    // A template was copied to `path` and opened.
    signal projectCreated(string path)

    color: Theme.window

    // Asks where the copy goes (Documents/Cepheus/<name> unless changed), then copies and opens it.
    function copyTemplate(templatePath, title, name) {
        const documents = LaunchOptions.documentsFolder
        copyPopup.ask(qsTr("New project from \u201c%1\u201d").arg(title),
                      qsTr("The copy goes into this folder, which must be new or empty:"),
                      documents ? documents + "/Cepheus/" + name : "",
                      "/" + name,
                      (target) => {
                          if (!root.project.createFromTemplate(templatePath, target))
                              return false
                          root.projectCreated(target)
                          return true
                      })
    }

    TemplateGallery { id: gallery }

    RowLayout {
        anchors.fill: parent
        spacing: 0

        // ---- Left: start and recent ----
        Rectangle {
            Layout.fillHeight: true
            Layout.preferredWidth: 400
            color: Theme.panel

            ColumnLayout {
                anchors.fill: parent
                anchors.margins: 40
                spacing: 16

                Text {
                    text: qsTr("Cepheus Studio")
                    color: Theme.text
                    font.pixelSize: 28
                    font.weight: Font.DemiBold
                }
                Text {
                    Layout.fillWidth: true
                    text: qsTr("Design complex-event-processing rules on a canvas and as text: one project, two views.")
                    color: Theme.mutedText
                    font.pixelSize: 13
                    wrapMode: Text.Wrap
                }

                RowLayout {
                    Layout.topMargin: 8
                    spacing: Theme.spacing
                    Button {
                        text: qsTr("New Project\u2026")
                        highlighted: true
                        onClicked: root.newProjectRequested()
                    }
                    Button {
                        text: qsTr("Open Project\u2026")
                        onClicked: root.openProjectRequested()
                    }
                }

                Text {
                    Layout.topMargin: 16
                    text: qsTr("Recent")
                    color: Theme.faintText
                    font.pixelSize: Theme.smallFontSize
                    font.weight: Font.DemiBold
                    font.capitalization: Font.AllUppercase
                    font.letterSpacing: 0.6
                }

                ListView {
                    id: recentList
                    Layout.fillWidth: true
                    Layout.fillHeight: true
                    model: root.recent
                    clip: true
                    spacing: 2
                    boundsBehavior: Flickable.StopAtBounds
                    keyNavigationEnabled: true
                    activeFocusOnTab: true
                    currentIndex: -1
                    ScrollBar.vertical: ScrollBar {}

                    Keys.onReturnPressed: if (currentItem) root.openPathRequested(currentItem.path)

                    delegate: Rectangle {
                        id: recentRow
                        required property string path
                        required property string title
                        width: ListView.view.width
                        height: 44
                        radius: Theme.radius
                        color: recentMouse.containsMouse || (ListView.isCurrentItem && recentList.activeFocus)
                               ? Theme.hover : "transparent"

                        Column {
                            anchors.left: parent.left
                            anchors.right: parent.right
                            anchors.verticalCenter: parent.verticalCenter
                            anchors.leftMargin: Theme.spacing
                            anchors.rightMargin: Theme.spacing
                            spacing: 2
                            Text {
                                width: parent.width
                                text: recentRow.title
                                color: Theme.accent
                                font.pixelSize: 13
                                font.weight: Font.DemiBold
                                elide: Text.ElideRight
                                textFormat: Text.PlainText
                            }
                            Text {
                                width: parent.width
                                text: recentRow.path
                                color: Theme.mutedText
                                font.pixelSize: Theme.smallFontSize
                                elide: Text.ElideMiddle
                                textFormat: Text.PlainText
                            }
                        }

                        MouseArea {
                            id: recentMouse
                            anchors.fill: parent
                            hoverEnabled: true
                            cursorShape: Qt.PointingHandCursor
                            onClicked: root.openPathRequested(recentRow.path)
                        }
                    }

                    Text {
                        visible: recentList.count === 0
                        text: qsTr("No recent projects")
                        color: Theme.faintText
                        font.pixelSize: 13
                    }
                }
            }

            Rectangle {
                anchors.right: parent.right
                anchors.top: parent.top
                anchors.bottom: parent.bottom
                width: 1
                color: Theme.border
            }
        }

        // ---- Right: templates ----
        ColumnLayout {
            Layout.fillWidth: true
            Layout.fillHeight: true
            Layout.margins: 40
            spacing: Theme.spacing

            Text {
                text: qsTr("Start from a template")
                color: Theme.text
                font.pixelSize: 18
                font.weight: Font.DemiBold
            }
            Text {
                Layout.fillWidth: true
                text: qsTr("A template opens as a copy of your own, with its rules, sample data and tests.")
                color: Theme.mutedText
                font.pixelSize: 13
                wrapMode: Text.Wrap
            }

            GridView {
                id: grid
                Layout.fillWidth: true
                Layout.fillHeight: true
                Layout.topMargin: Theme.spacing
                model: gallery
                clip: true
                cellWidth: 336
                cellHeight: 168
                boundsBehavior: Flickable.StopAtBounds
                ScrollBar.vertical: ScrollBar {}

                delegate: Item {
                    id: card
                    required property string name
                    required property string title
                    required property string summary
                    required property string path
                    width: grid.cellWidth
                    height: grid.cellHeight

                    Rectangle {
                        anchors.fill: parent
                        anchors.rightMargin: 16
                        anchors.bottomMargin: 16
                        radius: 6
                        color: Theme.panel
                        border.color: cardMouse.containsMouse ? Theme.accent : Theme.border

                        ColumnLayout {
                            anchors.fill: parent
                            anchors.margins: 16
                            spacing: 6
                            Text {
                                Layout.fillWidth: true
                                text: card.title
                                color: Theme.text
                                font.pixelSize: 15
                                font.weight: Font.DemiBold
                                elide: Text.ElideRight
                                textFormat: Text.PlainText
                            }
                            Text {
                                Layout.fillWidth: true
                                Layout.fillHeight: true
                                text: card.summary
                                color: Theme.mutedText
                                font.pixelSize: 12
                                wrapMode: Text.Wrap
                                elide: Text.ElideRight
                                maximumLineCount: 4
                                textFormat: Text.PlainText
                            }
                            Text {
                                text: qsTr("Open a copy \u2192")
                                color: Theme.accent
                                font.pixelSize: 12
                                font.weight: Font.DemiBold
                            }
                        }

                        MouseArea {
                            id: cardMouse
                            anchors.fill: parent
                            hoverEnabled: true
                            cursorShape: Qt.PointingHandCursor
                            onClicked: root.copyTemplate(card.path, card.title, card.name)
                        }
                    }
                }

                Text {
                    visible: grid.count === 0
                    text: qsTr("No templates were found (looked in %1).")
                              .arg(LaunchOptions.templatesFolder || qsTr("no templates folder"))
                    color: Theme.faintText
                    font.pixelSize: 13
                }
            }
        }
    }

    ProjectFolderPopup {
        id: copyPopup
        project: root.project
    }
}
