import Testing

/// One language's quote headers as a client writes them: the attribution line above a quote, and the
/// Outlook/Apple Mail header block above a pasted original. The wording follows `QuoteHeaderLanguage.all`
/// (Thunderbird's localisations; Gmail, Outlook and Apple Mail as they write the language).
struct QuoteHeaderFixture: Sendable, CustomTestStringConvertible {
    let code: String
    let attribution: String
    let headerBlock: [String]

    var testDescription: String { code }

    static let sender = "Community Schools <rosters@district.org>"
    static let partner = "Ana Pérez <ana@partner.org>"

    static let all: [QuoteHeaderFixture] = [
        QuoteHeaderFixture(
            code: "en", attribution: "On Mon, Dec 1, 2025 at 8:00 AM \(sender) wrote:",
            headerBlock: [
                "From: \(sender)", "Sent: Monday, December 1, 2025 8:00 AM", "To: \(partner)",
                "Subject: Weekly roster",
            ]),
        QuoteHeaderFixture(
            code: "es",
            attribution: "El lun, 1 dic 2025 a las 8:00, Community Schools (<rosters@district.org>) escribió:",
            headerBlock: [
                "De: \(sender)", "Enviado: lunes, 1 de diciembre de 2025 8:00", "Para: \(partner)",
                "Asunto: Lista semanal",
            ]),
        QuoteHeaderFixture(
            code: "vi", attribution: "Vào Th 2, 1 thg 12, 2025 vào lúc 08:00 \(sender) đã viết:",
            headerBlock: [
                "Từ: \(sender)", "Đã gửi: Thứ Hai, 1 tháng 12, 2025 8:00 SA", "Đến: \(partner)",
                "Chủ đề: Danh sách hàng tuần",
            ]),
        QuoteHeaderFixture(
            code: "ar", attribution: "في الاثنين، ١ ديسمبر ٢٠٢٥ في ٨:٠٠ ص، كتب \(sender):",
            headerBlock: [
                "من: \(sender)", "تم الإرسال: الاثنين، ١ ديسمبر ٢٠٢٥ ٨:٠٠ ص", "إلى: \(partner)",
                "الموضوع: القائمة الأسبوعية",
            ]),
        // Thunderbird's Arabic form, with the marks an RTL client puts around the name.
        QuoteHeaderFixture(
            code: "ar-thunderbird", attribution: "\u{200F}على 01/12/2025 08:00، كتب \u{202A}Community Schools\u{202C}:",
            headerBlock: [
                "\u{200F}من: \u{202A}\(sender)\u{202C}", "\u{200F}التاريخ: 01/12/2025 08:00",
                "\u{200F}إلى: \(partner)", "\u{200F}الموضوع: القائمة الأسبوعية",
            ]),
        QuoteHeaderFixture(
            code: "sw", attribution: "Mnamo Jumatatu, 1 Des 2025 saa 08:00, \(sender) aliandika:",
            headerBlock: [
                "Kutoka: \(sender)", "Imetumwa: Jumatatu, 1 Desemba 2025 08:00", "Kwa: \(partner)",
                "Mada: Orodha ya kila wiki",
            ]),
        QuoteHeaderFixture(
            code: "hr", attribution: "pon, 1. pro 2025. u 08:00 \(sender) napisao je:",
            headerBlock: [
                "Od: \(sender)", "Poslano: ponedjeljak, 1. prosinca 2025. 8:00", "Za: \(partner)",
                "Predmet: Tjedni popis",
            ]),
        QuoteHeaderFixture(
            code: "bs", attribution: "01.12.2025. u 08:00, Community Schools je napisao/la:",
            headerBlock: [
                "Od: \(sender)", "Poslano: ponedjeljak, 1. decembar 2025. 8:00", "Za: \(partner)",
                "Predmet: Sedmični spisak",
            ]),
        QuoteHeaderFixture(
            code: "sr-Cyrl", attribution: "пон, 1. дец 2025. у 08:00 \(sender) је написао/ла:",
            headerBlock: [
                "Од: \(sender)", "Послато: понедељак, 1. децембар 2025. 8:00", "За: \(partner)",
                "Тема: Недељни списак",
            ]),
        QuoteHeaderFixture(
            code: "sr-Latn", attribution: "pon, 1. dec 2025. u 08:00 \(sender) je napisao/la:",
            headerBlock: [
                "Od: \(sender)", "Poslato: ponedeljak, 1. decembar 2025. 8:00", "Za: \(partner)",
                "Tema: Nedeljni spisak",
            ]),
        QuoteHeaderFixture(
            code: "ne", attribution: "सोम, डिसेम्बर १, २०२५ ८:०० पूर्वाह्न मा \(sender) ले लेख्नुभयो:",
            headerBlock: [
                "बाट: \(sender)", "पठाइएको: सोमबार, डिसेम्बर १, २०२५ ८:००", "लाई: \(partner)",
                "विषय: साप्ताहिक सूची",
            ]),
        QuoteHeaderFixture(
            code: "my", attribution: "၂၀၂၅ ဒီ ၁၊ တနင်္လာ ၈:၀၀ တွင် \(sender) က ရေးခဲ့သည်:",
            headerBlock: [
                "မှ: \(sender)", "ပို့ခဲ့သည်: ၂၀၂၅ ဒီဇင်ဘာ ၁ ၈:၀၀", "သို့: \(partner)",
                "အကြောင်းအရာ: အပတ်စဉ် စာရင်း",
            ]),
        QuoteHeaderFixture(
            code: "fr", attribution: "Le lun. 1 déc. 2025 à 08:00, \(sender) a écrit :",
            headerBlock: [
                "De\u{A0}: \(sender)", "Envoyé\u{A0}: lundi 1 décembre 2025 08:00", "À\u{A0}: \(partner)",
                "Objet\u{A0}: Liste hebdomadaire",
            ]),
        QuoteHeaderFixture(
            code: "pt-BR", attribution: "Em seg., 1 de dez. de 2025 às 08:00, \(sender) escreveu:",
            headerBlock: [
                "De: \(sender)", "Enviado: segunda-feira, 1 de dezembro de 2025 08:00", "Para: \(partner)",
                "Assunto: Lista semanal",
            ]),
        QuoteHeaderFixture(
            code: "pt-PT", attribution: "\(sender) escreveu (segunda, 1/12/2025 à(s) 08:00):",
            headerBlock: [
                "De: \(sender)", "Enviada: 1 de dezembro de 2025 08:00", "Para: \(partner)",
                "Assunto: Lista semanal",
            ]),
        QuoteHeaderFixture(
            code: "zh-Hans", attribution: "\(sender) 于2025年12月1日周一 08:00写道：",
            headerBlock: ["发件人: \(sender)", "发送时间: 2025年12月1日 8:00", "收件人: \(partner)", "主题: 每周名单"]),
        QuoteHeaderFixture(
            code: "zh-Hant", attribution: "\(sender) 於 2025年12月1日 週一 上午8:00寫道：",
            headerBlock: ["寄件者: \(sender)", "寄件日期: 2025年12月1日 上午 08:00", "收件者: \(partner)", "主旨: 每週名單"]),
        QuoteHeaderFixture(
            code: "ru", attribution: "пн, 1 дек. 2025 г. в 08:00, \(sender):",
            headerBlock: [
                "От: \(sender)", "Отправлено: 1 декабря 2025 г. 8:00", "Кому: \(partner)",
                "Тема: Еженедельный список",
            ]),
        QuoteHeaderFixture(
            code: "ru-thunderbird", attribution: "01.12.2025 08:00, Community Schools пишет:",
            headerBlock: [
                "От: \(sender)", "Дата: 1 декабря 2025 г. 8:00", "Кому: \(partner)", "Тема: Еженедельный список",
            ]),
        QuoteHeaderFixture(
            code: "uk", attribution: "пн, 1 груд. 2025 р. о 08:00 \(sender) пише:",
            headerBlock: [
                "Від: \(sender)", "Надіслано: 1 грудня 2025 р. 8:00", "Кому: \(partner)",
                "Тема: Щотижневий список",
            ]),
        QuoteHeaderFixture(
            code: "da", attribution: "man. 1. dec. 2025 kl. 08.00 skrev \(sender):",
            headerBlock: ["Fra: \(sender)", "Sendt: 1. december 2025 08:00", "Til: \(partner)", "Emne: Ugeliste"]),
        QuoteHeaderFixture(
            code: "nb", attribution: "Den 01.12.2025 08:00, skrev Community Schools:",
            headerBlock: [
                "Fra: \(sender)", "Sendt: mandag 1. desember 2025 08:00", "Til: \(partner)", "Emne: Ukeliste",
            ]),
        QuoteHeaderFixture(
            code: "sv", attribution: "mån 1 dec. 2025 kl. 08:00 skrev \(sender):",
            headerBlock: [
                "Från: \(sender)", "Skickat: den 1 december 2025 08:00", "Till: \(partner)", "Ämne: Veckolista",
            ]),
        QuoteHeaderFixture(
            code: "fi", attribution: "ma 1.12.2025 klo 8.00 Community Schools (rosters@district.org) kirjoitti:",
            headerBlock: [
                "Lähettäjä: \(sender)", "Lähetetty: maanantai 1. joulukuuta 2025 8.00", "Vastaanottaja: \(partner)",
                "Aihe: Viikkolista",
            ]),
        QuoteHeaderFixture(
            code: "is", attribution: "mán., 1. des. 2025 kl. 08:00 skrifaði \(sender):",
            headerBlock: ["Frá: \(sender)", "Sent: 1. desember 2025 08:00", "Til: \(partner)", "Efni: Vikulisti"]),
        QuoteHeaderFixture(
            code: "pl", attribution: "W dniu 1.12.2025 o 08:00, Community Schools pisze:",
            headerBlock: [
                "Od: \(sender)", "Wysłano: poniedziałek, 1 grudnia 2025 08:00", "Do: \(partner)",
                "Temat: Lista tygodniowa",
            ]),
        QuoteHeaderFixture(
            code: "cs", attribution: "po 1. 12. 2025 v 8:00 odesílatel \(sender) napsal:",
            headerBlock: [
                "Od: \(sender)", "Odesláno: pondělí 1. prosince 2025 8:00", "Komu: \(partner)",
                "Předmět: Týdenní seznam",
            ]),
        QuoteHeaderFixture(
            code: "sk", attribution: "Dňa 1. 12. 2025 o 8:00 Community Schools napísal(a):",
            headerBlock: [
                "Od: \(sender)", "Odoslané: pondelok 1. decembra 2025 8:00", "Komu: \(partner)",
                "Predmet: Týždenný zoznam",
            ]),
        QuoteHeaderFixture(
            code: "sl", attribution: "V pon., 1. dec. 2025 ob 08:00 je oseba \(sender) napisala:",
            headerBlock: [
                "Od: \(sender)", "Poslano: ponedeljek, 1. december 2025 08:00", "Za: \(partner)",
                "Zadeva: Tedenski seznam",
            ]),
        QuoteHeaderFixture(
            code: "de", attribution: "Am Mo., 1. Dez. 2025 um 08:00 Uhr schrieb \(sender):",
            headerBlock: [
                "Von: \(sender)", "Gesendet: Montag, 1. Dezember 2025 08:00", "An: \(partner)",
                "Betreff: Wochenliste",
            ]),
        QuoteHeaderFixture(
            code: "nl", attribution: "Op ma 1 dec 2025 om 08:00 schreef \(sender):",
            headerBlock: [
                "Van: \(sender)", "Verzonden: maandag 1 december 2025 08:00", "Aan: \(partner)",
                "Onderwerp: Weeklijst",
            ]),
        QuoteHeaderFixture(
            code: "it", attribution: "Il giorno lun 1 dic 2025 alle ore 08:00 \(sender) ha scritto:",
            headerBlock: [
                "Da: \(sender)", "Inviato: lunedì 1 dicembre 2025 08:00", "A: \(partner)",
                "Oggetto: Elenco settimanale",
            ]),
        QuoteHeaderFixture(
            code: "tr", attribution: "\(sender), 1 Ara 2025 Pzt, 08:00 tarihinde şunu yazdı:",
            headerBlock: [
                "Kimden: \(sender)", "Gönderildi: 1 Aralık 2025 Pazartesi 08:00", "Kime: \(partner)",
                "Konu: Haftalık liste",
            ]),
        QuoteHeaderFixture(
            code: "ko", attribution: "2025년 12월 1일 (월) 오전 8:00, \(sender)님이 작성:",
            headerBlock: [
                "보낸 사람: \(sender)", "보낸 날짜: 2025년 12월 1일 월요일 오전 8:00", "받는 사람: \(partner)",
                "제목: 주간 명단",
            ]),
        QuoteHeaderFixture(
            code: "ja", attribution: "2025年12月1日(月) 8:00 \(sender):",
            headerBlock: ["差出人: \(sender)", "送信日時: 2025年12月1日 8:00", "宛先: \(partner)", "件名: 週間名簿"]),
        QuoteHeaderFixture(
            code: "fa", attribution: "در تاریخ دوشنبه ۱ دسامبر ۲۰۲۵ ساعت ۸:۰۰ \(sender) نوشت:",
            headerBlock: [
                "از: \(sender)", "ارسال شده: دوشنبه، ۱ دسامبر ۲۰۲۵ ۸:۰۰", "به: \(partner)", "موضوع: فهرست هفتگی",
            ]),
        QuoteHeaderFixture(
            code: "am", attribution: "ሰኞ፣ ዲሴም 1 2025 8:00 ጥዋት ላይ \(sender) እንዲህ ጽፈዋል፦",
            headerBlock: ["ከ: \(sender)", "የተላከው: ሰኞ ዲሴምበር 1 2025 8:00", "ለ: \(partner)", "ርዕሰ ጉዳይ: ሳምንታዊ ዝርዝር"]),
        QuoteHeaderFixture(
            code: "ca", attribution: "El 1/12/2025 a les 8:00, Community Schools ha escrit:",
            headerBlock: [
                "De: \(sender)", "Enviat: dilluns, 1 de desembre de 2025 8:00", "A: \(partner)",
                "Assumpte: Llista setmanal",
            ]),
        QuoteHeaderFixture(
            code: "ro", attribution: "La 01.12.2025 08:00, Community Schools a scris:",
            headerBlock: [
                "De la: \(sender)", "Trimis: luni, 1 decembrie 2025 08:00", "Către: \(partner)",
                "Subiect: Lista săptămânală",
            ]),
    ]
}
