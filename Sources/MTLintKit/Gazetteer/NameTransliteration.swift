import Foundation

/// Latin spellings of names written in another script, through ICU transforms, so a newsroom can list
/// "Зеленський" and have Zelensky, Zelenskyy and Zelenskyi recognised. Findings behind the choices are in
/// `../shared/notes/names-and-gazetteers.md` §3: Ukrainian BGN gives Zelenskyy, the Ukrainian national system
/// (KMU 2010, rules below) gives Zelenskyi and Kyiv, Russian BGN gives Zelenskiy, and English news simplifies
/// the endings (Zelensky, Serhiy, Dmitry). Names that reached Russian or Ukrainian from another language
/// (Ердоган) cannot be recovered this way; those need a variant listed by hand.
public enum NameTransliteration {
    /// The forms of `name` to recognise, the usual news spelling first; empty for Latin text without
    /// diacritics. A Latin name with diacritics yields its ASCII folding (Erdoğan → Erdogan).
    public static func latinVariants(_ name: String) -> [String] {
        let scalars = name.unicodeScalars
        var cyrillic = false, otherScript = false, latinMarks = false
        for s in scalars where s.value >= 0x80 {
            switch s.value {
            case 0x0400...0x052F: cyrillic = true
            case 0x00C0...0x024F, 0x1E00...0x1EFF: latinMarks = true
            default: if s.properties.isAlphabetic { otherScript = true }
            }
        }
        var out: [String] = []
        func add(_ t: Transliterator?, _ post: (String) -> String = { $0 }) {
            guard let t else { return }
            let v = post(t.apply(name)).trimmingCharacters(in: .whitespaces)
            guard !v.isEmpty, v.unicodeScalars.allSatisfy({ $0.value < 0x250 || !$0.properties.isAlphabetic }),
                  !out.contains(v) else { return }
            out.append(v)
        }
        if cyrillic {
            if isUkrainian(name) {
                add(shared.ukrainianNational, ukrainianNewsEndings)
                add(shared.ukrainianNational)
                add(shared.ukrainianBGN)
            } else {
                add(shared.russianBGN, russianNewsEndings)
                add(shared.russianBGN)
            }
        } else if otherScript {
            add(shared.anyLatin)
        } else if latinMarks {
            add(shared.latinASCII)
        }
        return out
    }

    /// Ukrainian letters (і ї є ґ) or the Ukrainian soft-sign spelling of "-ський"/"-цький".
    static func isUkrainian(_ s: String) -> Bool {
        if s.unicodeScalars.contains(where: { [0x0456, 0x0457, 0x0454, 0x0491, 0x0406, 0x0407, 0x0404, 0x0490].contains($0.value) }) { return true }
        if s.unicodeScalars.contains(where: { [0x044B, 0x044D, 0x044A, 0x0451, 0x042B, 0x042D, 0x042A, 0x0401].contains($0.value) }) { return false }
        return s.lowercased().contains("ськ") || s.lowercased().contains("цьк")
    }

    /// English news endings on the national system's output: Zelenskyi → Zelensky, Serhii → Serhiy.
    static func ukrainianNewsEndings(_ s: String) -> String {
        wordEnds(s) { w in
            if w.hasSuffix("yi") { return String(w.dropLast()) }
            if w.hasSuffix("ii") { return String(w.dropLast()) + "y" }
            return w
        }
    }

    /// English news endings on Russian BGN output: Zelenskiy → Zelensky, Dmitriy → Dmitry.
    static func russianNewsEndings(_ s: String) -> String {
        wordEnds(s) { w in
            if w.count > 3 && (w.hasSuffix("iy") || w.hasSuffix("yy")) { return String(w.dropLast(2)) + "y" }
            return w
        }
    }

    private static func wordEnds(_ s: String, _ f: (String) -> String) -> String {
        s.split(separator: " ", omittingEmptySubsequences: false).map { part in
            part.split(separator: "-", omittingEmptySubsequences: false).map { f(String($0)) }.joined(separator: "-")
        }.joined(separator: " ")
    }

    private struct Transforms: Sendable {
        let ukrainianBGN = try? Transliterator(id: "Ukrainian-Latin/BGN; [\\u02B9\\u02BA\\u2019\\u0027] Remove")
        let russianBGN = try? Transliterator(id: "Russian-Latin/BGN; [\\u02B9\\u02BA\\u2019\\u0027] Remove")
        let ukrainianNational = try? Transliterator(name: "mtlint-uk-Latn-KMU2010", rules: kmu2010)
        let anyLatin = try? Transliterator(id: "Any-Latin; Latin-ASCII")
        let latinASCII = try? Transliterator(id: "Latin-ASCII")
    }

    private static let shared = Transforms()

    /// The Ukrainian national transliteration (Cabinet of Ministers resolution No. 55, 2010): word-initial
    /// є ї й ю я as Ye Yi Y Yu Ya, otherwise ie i i iu ia; зг as zgh; soft sign and apostrophe dropped.
    static let kmu2010 = """
        :: NFC ;
        $wb = [^[:L:][:M:]] ;
        $wb { Є } → Ye ; $wb { є } → ye ; $wb { Ї } → Yi ; $wb { ї } → yi ; $wb { Й } → Y ; $wb { й } → y ;
        $wb { Ю } → Yu ; $wb { ю } → yu ; $wb { Я } → Ya ; $wb { я } → ya ;
        ^ { Є } → Ye ; ^ { є } → ye ; ^ { Ї } → Yi ; ^ { ї } → yi ; ^ { Й } → Y ; ^ { й } → y ;
        ^ { Ю } → Yu ; ^ { ю } → yu ; ^ { Я } → Ya ; ^ { я } → ya ;
        Зг → Zgh ; зг → zgh ; ЗГ → ZGH ;
        А → A ; а → a ; Б → B ; б → b ; В → V ; в → v ; Г → H ; г → h ; Ґ → G ; ґ → g ; Д → D ; д → d ;
        Е → E ; е → e ; Є → Ie ; є → ie ; Ж → Zh ; ж → zh ; З → Z ; з → z ; И → Y ; и → y ; І → I ; і → i ;
        Ї → I ; ї → i ; Й → I ; й → i ; К → K ; к → k ; Л → L ; л → l ; М → M ; м → m ; Н → N ; н → n ;
        О → O ; о → o ; П → P ; п → p ; Р → R ; р → r ; С → S ; с → s ; Т → T ; т → t ; У → U ; у → u ;
        Ф → F ; ф → f ; Х → Kh ; х → kh ; Ц → Ts ; ц → ts ; Ч → Ch ; ч → ch ; Ш → Sh ; ш → sh ;
        Щ → Shch ; щ → shch ; Ь → ; ь → ; Ю → Iu ; ю → iu ; Я → Ia ; я → ia ; ’ → ; \\' → ; ʼ → ;
        """
}
