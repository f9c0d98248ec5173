import QtQuick
import QtQuick.Controls
import QtQuick.Layouts

// The checker's errors and warnings for the whole project, in file order.
// Activating one shows it in the text and, when it belongs to a statement,
// selects that node on the canvas.
Rectangle {
    id: root

    required property var project

    // Go to a problem: file, span in characters, and the statement's name ("" when none).
    signal problemActivated(int fileIndex, int begin, int end, string node)

    readonly property int errors: project.problems.errorCount
    readonly property int warnings: project.problems.count - errors

    color: Theme.panel

    function severityColor(severity) {
        return severity === "error" ? Theme.error : severity === "warning" ? Theme.warning : Theme.accent
    }

    ColumnLayout {
        anchors.fill: parent
        spacing: 0

        PanelHeader {
            title: qsTr("Problems")
            Layout.fillWidth: true

            Row {
                spacing: 12
                Row {
                    spacing: 5
                    Rectangle {
                        anchors.verticalCenter: parent.verticalCenter
                        width: 8; height: 8; radius: 4
                        color: root.errors > 0 ? Theme.error : Theme.faintText
                    }
                    Text {
                        text: root.errors === 1 ? qsTr("1 error") : qsTr("%1 errors").arg(root.errors)
                        color: Theme.mutedText
                        font.pixelSize: 12
                    }
                }
                Row {
                    spacing: 5
                    Rectangle {
                        anchors.verticalCenter: parent.verticalCenter
                        width: 8; height: 8; radius: 4
                        color: root.warnings > 0 ? Theme.warning : Theme.faintText
                    }
                    Text {
                        text: root.warnings === 1 ? qsTr("1 warning") : qsTr("%1 warnings").arg(root.warnings)
                        color: Theme.mutedText
                        font.pixelSize: 12
                    }
                }
            }
        }

        ListView {
            id: list
            Layout.fillWidth: true
            Layout.fillHeight: true
            model: root.project.problems
            clip: true
            boundsBehavior: Flickable.StopAtBounds
            keyNavigationEnabled: true
            activeFocusOnTab: true
            currentIndex: -1
            ScrollBar.vertical: ScrollBar {}

            Keys.onReturnPressed: if (currentItem) currentItem.activate()
            Keys.onEnterPressed: if (currentItem) currentItem.activate()

            delegate: Rectangle {
                id: row
                required property int index
                required property string severity
                required property string message
                required property string hint
                required property int fileIndex
                required property string path
                required property int line
                required property int column
                required property int begin
                required property int end
                required property string node

                function activate() {
                    list.currentIndex = index
                    root.problemActivated(fileIndex, begin, end, node)
                }

                width: ListView.view.width
                height: content.implicitHeight + 10
                color: ListView.isCurrentItem ? Theme.selectionFill : (rowMouse.containsMouse ? Theme.hover : "transparent")

                RowLayout {
                    id: content
                    anchors.left: parent.left
                    anchors.right: parent.right
                    anchors.verticalCenter: parent.verticalCenter
                    anchors.leftMargin: 12
                    anchors.rightMargin: 12
                    spacing: Theme.spacing

                    Rectangle {
                        Layout.alignment: Qt.AlignTop
                        Layout.topMargin: 5
                        width: 8; height: 8; radius: 4
                        color: root.severityColor(row.severity)
                    }

                    ColumnLayout {
                        Layout.fillWidth: true
                        spacing: 1
                        RowLayout {
                            Layout.fillWidth: true
                            spacing: Theme.spacing
                            Text {
                                Layout.fillWidth: true
                                text: row.message
                                color: Theme.text
                                font.pixelSize: 13
                                elide: Text.ElideRight
                                textFormat: Text.PlainText
                            }
                            Text {
                                text: row.path + ":" + row.line + ":" + row.column
                                color: Theme.mutedText
                                font.family: Theme.monoFamily
                                font.pixelSize: 11
                                textFormat: Text.PlainText
                            }
                        }
                        Text {
                            visible: row.hint !== ""
                            Layout.fillWidth: true
                            text: row.hint
                            color: Theme.mutedText
                            font.pixelSize: 12
                            elide: Text.ElideRight
                            textFormat: Text.PlainText
                        }
                    }
                }

                MouseArea {
                    id: rowMouse
                    anchors.fill: parent
                    hoverEnabled: true
                    onClicked: row.activate()
                }
            }

            Text {
                anchors.centerIn: parent
                visible: list.count === 0
                text: root.project.open ? qsTr("No problems") : ""
                color: Theme.faintText
                font.pixelSize: 13
            }
        }
    }
}
