pragma Singleton
import QtQuick

// The studio's colours and fonts, for the light and the dark theme.
// Every component reads its colours here, so switching `dark` restyles the
// whole window at once (Main.qml also feeds these into the Controls palette).
QtObject {
    property bool dark: false

    // Surfaces
    readonly property color window: dark ? "#1d1f23" : "#eceef1"
    readonly property color panel: dark ? "#25282d" : "#f9fafb"
    readonly property color panelHeader: dark ? "#2b2e34" : "#f0f1f4"
    readonly property color base: dark ? "#1f2125" : "#ffffff"          // text fields, editor
    readonly property color border: dark ? "#383c43" : "#d5d9df"
    readonly property color hover: dark ? "#2f333a" : "#e9ecf1"
    readonly property color button: dark ? "#30343b" : "#f4f5f7"

    // Canvas
    readonly property color canvas: dark ? "#191b1e" : "#f5f6f8"
    readonly property color gridMinor: dark ? "#212327" : "#eaecf0"
    readonly property color gridMajor: dark ? "#2a2d32" : "#dcdfe5"
    readonly property color nodeBody: dark ? "#2a2d33" : "#ffffff"
    readonly property color nodeBorder: dark ? "#41464e" : "#c9ced6"
    readonly property color wire: dark ? "#5f6672" : "#a3aab5"
    readonly property color wireHover: dark ? "#8c95a3" : "#6f7785"

    // Text
    readonly property color text: dark ? "#dde0e5" : "#1e2227"
    readonly property color mutedText: dark ? "#8d939d" : "#68707c"
    readonly property color faintText: dark ? "#656b75" : "#9aa1ab"

    // Meaning
    readonly property color accent: dark ? "#4f9cf5" : "#2a6fdb"
    readonly property color accentText: "#ffffff"
    readonly property color selection: accent
    readonly property color selectionFill: dark ? Qt.rgba(0.31, 0.61, 0.96, 0.16) : Qt.rgba(0.16, 0.44, 0.86, 0.10)
    readonly property color error: dark ? "#f06a65" : "#d23c36"
    readonly property color warning: dark ? "#e6b24f" : "#c88a12"
    readonly property color success: dark ? "#5cc48a" : "#2f9a5e"
    readonly property color errorFill: dark ? Qt.rgba(0.94, 0.42, 0.40, 0.14) : Qt.rgba(0.82, 0.24, 0.21, 0.09)
    readonly property color warningFill: dark ? Qt.rgba(0.90, 0.70, 0.31, 0.14) : Qt.rgba(0.78, 0.54, 0.07, 0.10)

    // Node kinds: mid tones that hold on white and on near-black; the dark
    // theme lifts them a little so thin strips and small text stay readable.
    readonly property color kindSchema: dark ? "#9aa5b4" : "#6b7788"
    readonly property color kindSource: dark ? "#3cc0a4" : "#168f77"
    readonly property color kindTable: dark ? "#c79a64" : "#9a6b34"
    readonly property color kindStream: dark ? "#5ea2f2" : "#2f6fd0"
    readonly property color kindWindow: dark ? "#8f8cf4" : "#5a55d6"
    readonly property color kindPattern: dark ? "#c084f5" : "#9240d0"
    readonly property color kindTwin: dark ? "#45b8d9" : "#137fa3"
    readonly property color kindAlert: dark ? "#f07a5a" : "#d2502c"
    readonly property color kindSink: dark ? "#79c267" : "#3f8f2f"

    function kindColor(kind) {
        switch (kind) {
        case "schema": return kindSchema
        case "source": return kindSource
        case "table": return kindTable
        case "stream": return kindStream
        case "window": return kindWindow
        case "pattern": return kindPattern
        case "twin": return kindTwin
        case "alert": return kindAlert
        case "sink": return kindSink
        }
        return mutedText
    }

    // The kind colour as a faint wash, for node headers and chips.
    function kindTint(kind) {
        const c = kindColor(kind)
        return Qt.rgba(c.r, c.g, c.b, dark ? 0.20 : 0.12)
    }

    // Plural headings, in palette order, for grouped lists.
    readonly property var kindOrder: ["schema", "source", "table", "stream", "window", "pattern", "twin", "alert", "sink"]
    function kindPlural(kind) {
        switch (kind) {
        case "schema": return qsTr("Schemas")
        case "source": return qsTr("Sources")
        case "table": return qsTr("Tables")
        case "stream": return qsTr("Streams")
        case "window": return qsTr("Windows")
        case "pattern": return qsTr("Patterns")
        case "twin": return qsTr("Twins")
        case "alert": return qsTr("Alerts")
        case "sink": return qsTr("Sinks")
        }
        return kind
    }

    // Fonts and the 8 px spacing grid
    readonly property string monoFamily: "DejaVu Sans Mono"
    readonly property int fontSize: 13
    readonly property int smallFontSize: 11
    readonly property int tinyFontSize: 9
    readonly property int monoFontSize: 13
    readonly property int spacing: 8
    readonly property int headerHeight: 30
    readonly property int radius: 4
}
