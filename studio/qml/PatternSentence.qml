import QtQuick

// Reads a pattern's steps as a plain-English sentence, so an analyst can check
// that the rule says what they mean:
//   partition by device
//   match every hot: readings{3} where temp > 80 within 1m
//     then not maintenance within 5m
// reads "For each device: every time 3 readings with temp > 80 arrive within
// 1m, and then no maintenance arrives within 5m".
// It is a reading aid, not a parser: text it does not follow is quoted as is.
QtObject {
    function listWords(words) {
        if (words.length <= 1)
            return words.join("")
        return words.slice(0, -1).join(", ") + " and " + words[words.length - 1]
    }

    // "3 readings", "5 or more logins"...; `plural` says which verb fits.
    function countPhrase(quantifier, stream) {
        if (!quantifier)
            return { text: qsTr("a %1 event").arg(stream), plural: false }
        if (quantifier === "+")
            return { text: qsTr("one or more %1").arg(stream), plural: true }
        if (quantifier === "*")
            return { text: qsTr("any number of %1").arg(stream), plural: true }
        if (quantifier === "?")
            return { text: qsTr("possibly a %1 event").arg(stream), plural: false }
        const range = /^\{\s*(\d+)\s*(?:(,)\s*(\d*)\s*)?\}$/.exec(quantifier)
        if (!range)
            return { text: stream + quantifier, plural: true }
        const low = range[1]
        if (!range[2])
            return { text: low + " " + stream, plural: low !== "1" }
        if (range[3] === "")
            return { text: qsTr("%1 or more %2").arg(low).arg(stream), plural: true }
        return { text: qsTr("%1 to %2 %3").arg(low).arg(range[3]).arg(stream), plural: true }
    }

    // One step without its connector: "hot: readings{3} where temp > 80 within 1m".
    function stepPhrase(step, first, every) {
        let rest = step.trim()
        let within = ""
        const withinMatch = /\s+within\s+(\S+)\s*$/.exec(" " + rest)
        if (withinMatch) {
            within = withinMatch[1]
            rest = (" " + rest).slice(0, withinMatch.index).trim()
        }
        const tail = within ? " " + qsTr("within %1").arg(within) : ""

        // Absence: "not maintenance [where ...]"
        const absence = /^not\s+(\w+)\s*(?:where\s+(.*))?$/.exec(rest)
        if (absence) {
            const condition = absence[2] ? " " + qsTr("with %1").arg(absence[2].trim()) : ""
            return qsTr("no %1%2 arrives").arg(absence[1]).arg(condition) + tail
        }

        // Groups: "(a: x and b: y)", "(a: x or b: y)"
        const group = /^\((.*)\)$/.exec(rest)
        if (group) {
            const both = group[1].split(/\s+and\s+(?=\w+\s*:)/)
            const either = group[1].split(/\s+or\s+(?=\w+\s*:)/)
            if (both.length > 1)
                return qsTr("%1 (in any order)").arg(listWords(both.map(s => stepPhrase(s, false, false)))) + tail
            if (either.length > 1)
                return qsTr("either %1").arg(either.map(s => stepPhrase(s, false, false)).join(qsTr(" or "))) + tail
            return "(" + group[1] + ")" + tail
        }

        const parts = /^(?:\w+\s*:\s*)?(\w+)\s*(\{[^}]*\}|\+|\*|\?)?\s*(greedy|reluctant)?\s*(?:where\s+(.*))?$/.exec(rest)
        if (!parts)
            return "\u201c" + rest + "\u201d" + tail
        const count = countPhrase(parts[2], parts[1])
        let text = count.text
        if (parts[3] === "reluctant")
            text += " " + qsTr("(as few as needed)")
        if (parts[4])
            text += " " + qsTr("with %1").arg(parts[4].trim())
        text += " " + (count.plural ? qsTr("arrive") : qsTr("arrives"))
        return text + tail
    }

    // The sentence for a pattern's steps, its partition fields ("device, site") and its overall within.
    function describe(steps, partition, within) {
        const lines = []
        for (const raw of (steps || "").split("\n")) {
            const line = raw.trim()
            if (line === "" || line.startsWith("--"))
                continue
            // A line that does not start a step continues the one before it.
            if (lines.length > 0 && !/^(next|then)\b/.test(line))
                lines[lines.length - 1] += " " + line
            else
                lines.push(line)
        }
        if (lines.length === 0)
            return ""

        const phrases = []
        for (let i = 0; i < lines.length; ++i) {
            let line = lines[i]
            let connector = ""
            const joined = /^(next|then\s+any|then)\s+/.exec(line)
            if (i > 0 && joined) {
                connector = joined[1].startsWith("next") ? qsTr("and right after that")
                          : joined[1] === "then" ? qsTr("and then") : qsTr("and then, at any later time,")
                line = line.slice(joined[0].length)
            }
            let every = false
            if (/^every\s+/.test(line)) {
                every = true
                line = line.replace(/^every\s+/, "")
            }
            let phrase = stepPhrase(line, i === 0, every)
            if (i === 0)
                phrase = (every ? qsTr("every time") : qsTr("when")) + " " + phrase
            phrases.push(connector ? connector + " " + phrase : phrase)
        }

        let sentence = phrases.join(", ")
        if (within && within.trim() !== "")
            sentence += ", " + qsTr("all within %1").arg(within.trim())
        const keys = (partition || "").split(",").map(s => s.trim()).filter(s => s !== "")
        if (keys.length > 0)
            return qsTr("For each %1: %2").arg(listWords(keys)).arg(sentence)
        return sentence.charAt(0).toUpperCase() + sentence.slice(1)
    }
}
