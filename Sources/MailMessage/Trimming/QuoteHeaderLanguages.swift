/// The words mail clients write around quoted history, one entry per language: the attribution ("On … wrote:"),
/// the forward and original-message markers, and the field names of an Outlook/Apple Mail header block.
/// `QuoteHeaders` builds its look-up sets from `all`; the rules themselves are language-free.
///
/// Sources, per entry: "Thunderbird" strings are the Thunderbird localisations of `composeMsgs.properties`
/// (`mailnews.reply_header_authorwrotesingle`, `…_ondateauthorwrote`, `…_authorwroteondate`,
/// `…_originalmessage`, `mailnews.forward_header_originalmessage`), as published by Mozilla's l10n
/// repositories and the Transvision index of them. "Outlook", "Gmail" and "Apple Mail" strings are the
/// header labels and attribution lines these closed-source clients write in that UI language; no string file
/// of theirs is public, so they are written from what the clients are known to produce, cross-checked where a
/// public reply parser lists them (Outlook labels for ko, cs, da, pl, sv, zh), and not verified against a
/// string file. Entries marked "not checked" are the least certain. Only the words are kept here.
struct QuoteHeaderLanguage: Sendable {
    /// BCP 47 code ("pt-BR", "sr-Cyrl").
    var code: String
    var name: String
    /// Verb phrases that end an attribution: "… wrote:", "… đã viết:", "… 写道：".
    var endingVerbs: [String] = []
    /// Verbs (one or more words) followed by the author: "Am … schrieb Max <m@x>:", "في …، كتب Name <addr>:".
    var innerVerbs: [String] = []
    /// First words of an attribution ("on", "el", "vào", "في"), for attributions wrapped over several lines.
    var openers: [String] = []
    /// "Original message", "Forwarded message", "Begin forwarded message" (without the dashes or colon).
    var markers: [String] = []
    var from: [String] = []
    /// "Sent" / "Date".
    var date: [String] = []
    var to: [String] = []
    var cc: [String] = []
    var subject: [String] = []
    var replyTo: [String] = []
}

extension QuoteHeaderLanguage {
    static let all: [QuoteHeaderLanguage] = [
        // Thunderbird en-US; Gmail, Outlook, Apple Mail, Yahoo as written in English.
        QuoteHeaderLanguage(
            code: "en", name: "English", endingVerbs: ["wrote", "writes", "said", "says"], innerVerbs: ["wrote"],
            openers: ["on", "at", "in", "date"],
            markers: [
                "original message", "forwarded message", "begin forwarded message", "reply message",
                "forwarded email",
            ],
            from: ["from"], date: ["sent", "date", "sent at"], to: ["to"], cc: ["cc"], subject: ["subject"],
            replyTo: ["reply-to"]),
        // Thunderbird es-ES ("El #2 a las #3, #1 escribió:", "Mensaje original/reenviado"); Gmail ("El lun, 1 dic
        // 2025 a las 8:00, Name (<addr>) escribió:"); Outlook (De/Enviado/Para/CC/Asunto); Apple Mail ("Inicio
        // del mensaje reenviado:", De/Fecha/Para/Asunto).
        QuoteHeaderLanguage(
            code: "es", name: "Spanish", endingVerbs: ["escribió", "escribio", "ha escrito"],
            innerVerbs: ["escribió"], openers: ["el"],
            markers: ["mensaje original", "mensaje reenviado", "inicio del mensaje reenviado", "correo reenviado"],
            from: ["de", "remitente"], date: ["enviado", "enviada", "fecha", "enviado el"], to: ["para"],
            cc: ["copia", "cc"], subject: ["asunto"], replyTo: ["responder a"]),
        // Thunderbird vi ("Vào lúc #3 #2, #1 đã viết:", "Thư gốc", "Tin nhắn đã được chuyển tiếp"); Gmail ("Vào Th 2,
        // 1 thg 12, 2025 vào lúc 08:00 Name <addr> đã viết:"); Outlook (Từ/Đã gửi/Đến/Cc/Chủ đề; Thunderbird's
        // message header labels agree on Từ/Đến).
        QuoteHeaderLanguage(
            code: "vi", name: "Vietnamese", endingVerbs: ["đã viết", "viết"], openers: ["vào"],
            markers: ["thư gốc", "tin nhắn đã được chuyển tiếp", "thư đã chuyển tiếp", "thư được chuyển tiếp"],
            from: ["từ"], date: ["đã gửi", "ngày", "gửi"], to: ["đến", "tới"], cc: ["cc"], subject: ["chủ đề"]),
        // Thunderbird ar ("على #2 #3، كتب #1:", "كتب #1:", "الرسالة الأصليَّة", "رسالة ممرّرة"); Gmail and Apple Mail
        // ("في …، كتب Name <addr>:", "… تمت كتابة ما يلي بواسطة Name <addr>:"); Outlook (من/تم الإرسال/إلى/نسخة/الموضوع).
        QuoteHeaderLanguage(
            code: "ar", name: "Arabic", innerVerbs: ["كتب", "تمت كتابة ما يلي بواسطة"], openers: ["في", "على"],
            markers: ["الرسالة الأصليَّة", "الرسالة الأصلية", "رسالة ممرّرة", "رسالة معاد توجيهها"],
            from: ["من"], date: ["تم الإرسال", "التاريخ", "أرسلت"], to: ["إلى"], cc: ["نسخة"],
            subject: ["الموضوع"]),
        // Gmail sw ("Mnamo Jumatatu, 1 Des 2025 saa 08:00, Name <addr> aliandika:"); Outlook Kiswahili
        // (Kutoka/Imetumwa/Kwa/Mada). Thunderbird has no Swahili localisation.
        QuoteHeaderLanguage(
            code: "sw", name: "Swahili", endingVerbs: ["aliandika", "ameandika"], openers: ["mnamo"],
            markers: ["ujumbe asili", "ujumbe uliosambazwa"],
            from: ["kutoka"], date: ["imetumwa", "tarehe"], to: ["kwa"], cc: ["nakala"], subject: ["mada"]),
        // Thunderbird hr ("#1 je napisao/la:", "#2 u #3, #1 je napisao/la:", "Izvorna poruka"); Gmail hr/bs
        // ("pon, 1. pro 2025. u 08:00 Name <addr> napisao je:"); Outlook hr/bs (Od/Poslano/Za/Kopija/Predmet).
        QuoteHeaderLanguage(
            code: "hr", name: "Croatian and Bosnian (Latin)",
            endingVerbs: [
                "je napisao/la", "napisao/la", "napisao je", "napisala je", "je napisao", "je napisala",
                "je napisao(la)", "napisao(la)",
            ],
            markers: ["izvorna poruka", "originalna poruka", "proslijeđena poruka", "prosljeđena poruka"],
            from: ["od"], date: ["poslano", "datum"], to: ["za", "prima"], cc: ["kopija"], subject: ["predmet"]),
        // Gmail sr ("пон, 1. дец 2025. у 08:00 Name <addr> је написао/ла:"); Outlook sr-Cyrl (Од/Послато/За/Копија/
        // Тема) and sr-Latn (Od/Poslato/Za/Kopija/Tema).
        QuoteHeaderLanguage(
            code: "sr", name: "Serbian (Cyrillic and Latin)",
            endingVerbs: ["је написао/ла", "написао/ла", "написао је", "написала је", "је написао", "је написала"],
            markers: ["оригинална порука", "прослеђена порука", "originalna poruka", "prosleđena poruka"],
            from: ["од"], date: ["послато", "датум", "poslato"], to: ["за"], cc: ["копија"],
            subject: ["тема", "предмет", "tema"]),
        // Gmail ne ("… मा Name <addr> ले लेख्नुभयो:"); Outlook ne (बाट/पठाइएको/लाई/विषय). Not checked against a
        // string file (Thunderbird has no Nepali localisation); the digits may be Devanagari (०-९).
        QuoteHeaderLanguage(
            code: "ne", name: "Nepali", endingVerbs: ["ले लेख्नुभयो", "लेख्नुभयो", "ले लेखे"],
            markers: ["मूल सन्देश", "फर्वार्ड गरिएको सन्देश"],
            from: ["बाट", "प्रेषक"], date: ["पठाइएको", "मिति"], to: ["लाई", "प्रति", "प्रापक"], cc: ["सीसी"],
            subject: ["विषय"]),
        // Gmail my ("… တွင် Name <addr> က ရေးခဲ့သည်:"); Outlook my (မှ/ပို့ခဲ့သည်/သို့/အကြောင်းအရာ). Not checked
        // against a string file; the digits may be Myanmar (၀-၉).
        QuoteHeaderLanguage(
            code: "my", name: "Burmese", endingVerbs: ["က ရေးခဲ့သည်", "ရေးခဲ့သည်", "ရေးသားခဲ့သည်"],
            markers: ["မူရင်း မက်ဆေ့ချ်", "ထပ်ဆင့်ပို့ထားသော မက်ဆေ့ချ်"],
            from: ["မှ", "ပေးပို့သူ"], date: ["ပို့ခဲ့သည်", "ရက်စွဲ"], to: ["သို့", "လက်ခံသူ"],
            subject: ["အကြောင်းအရာ"]),
        // Thunderbird fr ("Le #2 #3, #1 a écrit :", "Message original", "Message transféré"); Gmail; Outlook
        // (De/Envoyé/À/Cc/Objet); Apple Mail ("Début du message réexpédié :").
        QuoteHeaderLanguage(
            code: "fr", name: "French", endingVerbs: ["a écrit", "a ecrit", "nous a dit"], openers: ["le"],
            markers: [
                "message d'origine", "message original", "message transféré", "début du message transféré",
                "début du message réexpédié",
            ],
            from: ["de", "expéditeur"], date: ["envoyé", "date"], to: ["à", "a", "destinataire"], cc: ["cc"],
            subject: ["objet"], replyTo: ["répondre à"]),
        // Thunderbird pt-BR ("Em #2 #3, #1 escreveu:") and pt-PT ("Às #3 de #2, #1 escreveu:"); Gmail pt-BR ("Em
        // seg., 1 de dez. de 2025 às 08:00, Name <addr> escreveu:") and pt-PT ("Name <addr> escreveu (segunda,
        // 1/12/2025 à(s) 08:00):"); Outlook (De/Enviado/Enviada/Para/Cc/Assunto); Apple Mail ("Início da mensagem
        // reencaminhada:").
        QuoteHeaderLanguage(
            code: "pt", name: "Portuguese (Brazil and Portugal)", endingVerbs: ["escreveu"], innerVerbs: ["escreveu"],
            openers: ["em", "às"],
            markers: [
                "mensagem original", "mensagem encaminhada", "mensagem reencaminhada",
                "início da mensagem reencaminhada", "início da mensagem encaminhada",
            ],
            from: ["de"], date: ["enviado", "enviada", "enviada em", "data"], to: ["para"], cc: ["cópia", "cc"],
            subject: ["assunto"]),
        // Thunderbird zh-CN ("在 #2 #3, #1 写道:", "原始消息") and zh-TW ("#1 於 #2 #3 寫道:", "原始郵件"); Gmail
        // ("Name <addr> 于2025年12月1日周一 08:00写道：", "… 於 2025年12月1日 週一 上午8:00寫道："); Outlook zh-CN
        // (发件人/发送时间/收件人/抄送/主题) and zh-TW (寄件者/寄件日期/收件者/副本/主旨).
        QuoteHeaderLanguage(
            code: "zh", name: "Chinese (Simplified and Traditional)", endingVerbs: ["写道", "寫道"], openers: ["在"],
            markers: ["原始邮件", "原始消息", "转发的邮件", "原始郵件", "轉寄的郵件", "原始訊息"],
            from: ["发件人", "寄件者", "寄件人"], date: ["发送时间", "日期", "寄件日期", "傳送時間"],
            to: ["收件人", "收件者"], cc: ["抄送", "副本"], subject: ["主题", "主旨"]),
        // Thunderbird ru ("#2 #3, #1 пишет:", "Исходное сообщение", "Перенаправленное сообщение"); Gmail ("пн, 1 дек.
        // 2025 г. в 08:00, Name <addr>:" — no verb: the timed-address rule); Apple Mail ("… написал(а):");
        // Outlook (От/Отправлено/Кому/Копия/Тема).
        QuoteHeaderLanguage(
            code: "ru", name: "Russian",
            endingVerbs: ["пишет", "написал(а)", "написал", "написала", "писал"], openers: ["в"],
            markers: [
                "исходное сообщение", "пересылаемое сообщение", "перенаправленное сообщение",
                "начало переадресованного сообщения",
            ],
            from: ["от"], date: ["отправлено", "дата"], to: ["кому"], cc: ["копия"], subject: ["тема"]),
        // Thunderbird uk ("Початкове повідомлення"); Gmail ("пн, 1 груд. 2025 р. о 08:00 Name <addr> пише:");
        // Outlook (Від/Надіслано/Кому/Копія/Тема).
        QuoteHeaderLanguage(
            code: "uk", name: "Ukrainian", endingVerbs: ["пише", "написав", "написала", "написав(ла)"],
            markers: ["початкове повідомлення", "оригінальне повідомлення", "переслане повідомлення"],
            from: ["від"], date: ["надіслано", "дата"], to: ["кому"], cc: ["копія"], subject: ["тема"]),
        // Thunderbird da ("Den #2 kl. #3 skrev #1:", "Oprindelig meddelelse"); Gmail ("man. 1. dec. 2025 kl. 08.00
        // skrev Name <addr>:"); Outlook (Fra/Sendt/Til/Cc/Emne).
        QuoteHeaderLanguage(
            code: "da", name: "Danish", endingVerbs: ["skrev"], innerVerbs: ["skrev"], openers: ["den"],
            markers: ["oprindelig meddelelse", "videresendt meddelelse", "videresendt besked", "oprindelig besked"],
            from: ["fra"], date: ["sendt", "dato"], to: ["til"], cc: ["cc", "kopi"], subject: ["emne"]),
        // Thunderbird nb-NO ("Den #2 #3, skrev #1:", "Opprinnelig melding") and nn-NO ("#1 skreiv:", "Opphavleg
        // melding"); Gmail ("man. 1. des. 2025 kl. 08:00 skrev Name <addr>:"); Outlook (Fra/Sendt/Til/Kopi/Emne).
        QuoteHeaderLanguage(
            code: "nb", name: "Norwegian (Bokmål and Nynorsk)", endingVerbs: ["skrev", "skreiv"],
            innerVerbs: ["skrev", "skreiv"], openers: ["den"],
            markers: ["opprinnelig melding", "videresendt melding", "opphavleg melding"],
            from: ["fra"], date: ["sendt", "dato"], to: ["til"], cc: ["kopi"], subject: ["emne"]),
        // Thunderbird sv-SE ("Den #2 kl. #3, skrev #1:", "Ursprungligt meddelande"); Gmail ("mån 1 dec. 2025 kl.
        // 08:00 skrev Name <addr>:"); Outlook (Från/Skickat/Till/Kopia/Ämne).
        QuoteHeaderLanguage(
            code: "sv", name: "Swedish", endingVerbs: ["skrev"], innerVerbs: ["skrev"], openers: ["den"],
            markers: ["ursprungligt meddelande", "originalmeddelande", "vidarebefordrat meddelande"],
            from: ["från"], date: ["skickat", "datum"], to: ["till"], cc: ["kopia"], subject: ["ämne"]),
        // Thunderbird fi ("#2, #3, #1 kirjoitti:", "Alkuperäinen viesti"); Gmail ("ma 1.12.2025 klo 8.00 Name
        // (addr) kirjoitti:"); Outlook (Lähettäjä/Lähetetty/Vastaanottaja/Kopio/Aihe).
        QuoteHeaderLanguage(
            code: "fi", name: "Finnish", endingVerbs: ["kirjoitti"],
            markers: ["alkuperäinen viesti", "välitetty viesti"],
            from: ["lähettäjä"], date: ["lähetetty", "päivämäärä"], to: ["vastaanottaja"], cc: ["kopio"],
            subject: ["aihe"]),
        // Thunderbird is ("Þann #2 #3, skrifaði #1:", "Upprunalegur póstur"); Gmail ("mán., 1. des. 2025 kl. 08:00
        // skrifaði Name <addr>:"); Outlook (Frá/Sent/Til/Afrit/Efni).
        QuoteHeaderLanguage(
            code: "is", name: "Icelandic", endingVerbs: ["skrifaði"], innerVerbs: ["skrifaði"], openers: ["þann"],
            markers: ["upprunalegur póstur", "upprunaleg skilaboð", "áframsend skilaboð"],
            from: ["frá"], date: ["sent", "dagsetning"], to: ["til"], cc: ["afrit"], subject: ["efni"]),
        // Thunderbird pl ("W dniu #2 o #3, #1 pisze:", "Treść oryginalnej wiadomości"); Gmail ("pon., 1 gru 2025 o
        // 08:00 Name <addr> napisał(a):"); Outlook (Od/Wysłano/Do/DW/Temat).
        QuoteHeaderLanguage(
            code: "pl", name: "Polish", endingVerbs: ["napisał(a)", "napisał", "napisała", "napisal", "pisze"],
            innerVerbs: ["napisał"], openers: ["w", "dnia"],
            markers: ["oryginalna wiadomość", "przekazana wiadomość", "treść oryginalnej wiadomości"],
            from: ["od"], date: ["wysłano", "data"], to: ["do"], cc: ["dw", "kopia"], subject: ["temat"]),
        // Thunderbird cs ("Dne #2 v #3 #1 napsal(a):", "Původní zpráva"); Gmail ("po 1. 12. 2025 v 8:00 odesílatel
        // Name <addr> napsal:"); Outlook (Od/Odesláno/Komu/Kopie/Předmět).
        QuoteHeaderLanguage(
            code: "cs", name: "Czech", endingVerbs: ["napsal(a)", "napsal", "napsala"], openers: ["dne"],
            markers: ["původní zpráva", "přeposlaná zpráva"],
            from: ["od"], date: ["odesláno", "datum"], to: ["komu"], cc: ["kopie"], subject: ["předmět"]),
        // Thunderbird sk ("Dňa #2 o #3 #1 napísal(a):", "Pôvodná správa"); Gmail; Outlook (Od/Odoslané/Komu/Kópia/
        // Predmet).
        QuoteHeaderLanguage(
            code: "sk", name: "Slovak", endingVerbs: ["napísal(a)", "napísal", "napísala"], openers: ["dňa"],
            markers: ["pôvodná správa", "preposlaná správa"],
            from: ["od"], date: ["odoslané", "dátum"], to: ["komu"], cc: ["kópia"], subject: ["predmet"]),
        // Thunderbird sl ("#1 je #2 ob #3 napisal:", "Izvirno sporočilo"); Gmail ("V pon., 1. dec. 2025 ob 08:00 je
        // oseba Name <addr> napisala:"); Outlook (Od/Poslano/Za/Kp/Zadeva).
        QuoteHeaderLanguage(
            code: "sl", name: "Slovenian", endingVerbs: ["napisal(a)", "napisal", "napisala"], openers: ["v"],
            markers: ["izvirno sporočilo", "posredovano sporočilo"],
            from: ["od"], date: ["poslano", "datum"], to: ["za"], cc: ["kp"], subject: ["zadeva"]),
        // Thunderbird de ("Am #2 um #3 schrieb #1:", "Original-Nachricht", "Weitergeleitete Nachricht"); Gmail
        // ("Am Mo., 1. Dez. 2025 um 08:00 Uhr schrieb Name <addr>:"); Outlook (Von/Gesendet/An/Cc/Betreff).
        QuoteHeaderLanguage(
            code: "de", name: "German", endingVerbs: ["schrieb", "geschrieben"], innerVerbs: ["schrieb"],
            openers: ["am"],
            markers: [
                "ursprüngliche nachricht", "original-nachricht", "weitergeleitete nachricht",
                "anfang der weitergeleiteten nachricht",
            ],
            from: ["von"], date: ["gesendet", "datum"], to: ["an"], cc: ["cc", "kopie"], subject: ["betreff"],
            replyTo: ["antwort an"]),
        // Thunderbird nl ("Op #2 om #3 schreef #1:", "Oorspronkelijk bericht"); Gmail; Outlook (Van/Verzonden/Aan/
        // CC/Onderwerp).
        QuoteHeaderLanguage(
            code: "nl", name: "Dutch", endingVerbs: ["schreef", "het volgende geschreven"], innerVerbs: ["schreef"],
            openers: ["op"], markers: ["oorspronkelijk bericht", "doorgestuurd bericht", "begin doorgestuurd bericht"],
            from: ["van"], date: ["verzonden", "datum"], to: ["aan"], cc: ["cc", "kopie"], subject: ["onderwerp"],
            replyTo: ["beantwoorden - aan"]),
        // Thunderbird it ("Il #2 #3, #1 ha scritto:", "Messaggio originale"); Gmail ("Il giorno lun 1 dic 2025 alle
        // ore 08:00 Name <addr> ha scritto:"); Outlook (Da/Inviato/A/Cc/Oggetto).
        QuoteHeaderLanguage(
            code: "it", name: "Italian", endingVerbs: ["ha scritto"], openers: ["il"],
            markers: ["messaggio originale", "messaggio inoltrato", "inizio messaggio inoltrato"],
            from: ["da"], date: ["inviato", "data"], to: ["a"], cc: ["cc", "copia"], subject: ["oggetto"],
            replyTo: ["risposta"]),
        // Thunderbird tr ("#2 #3 tarihinde #1 yazdı:", "Özgün İleti"); Gmail ("Name <addr>, 1 Ara 2025 Pzt, 08:00
        // tarihinde şunu yazdı:"); Outlook (Kimden/Gönderildi/Kime/Bilgi/Konu).
        QuoteHeaderLanguage(
            code: "tr", name: "Turkish", endingVerbs: ["yazdı", "şunu yazdı"],
            markers: ["özgün ileti", "orijinal ileti", "iletilen ileti", "yönlendirilmiş ileti"],
            from: ["kimden"], date: ["gönderildi", "tarih"], to: ["kime"], cc: ["bilgi"], subject: ["konu"]),
        // Thunderbird ko ("#2 #3에 #1 이(가) 쓴 글:", "원본 메시지"); Gmail ("2025년 12월 1일 (월) 오전 8:00, Name
        // <addr>님이 작성:"); Outlook (보낸 사람/보낸 날짜/받는 사람/참조/제목).
        QuoteHeaderLanguage(
            code: "ko", name: "Korean", endingVerbs: ["작성", "님이 작성", "쓴 글", "작성하였습니다", "작성했습니다"],
            markers: ["원본 메시지", "전달된 메시지", "전달된 메일"],
            from: ["보낸 사람", "보낸사람"], date: ["보낸 날짜", "날짜"], to: ["받는 사람", "받는사람"], cc: ["참조"],
            subject: ["제목"]),
        // Gmail ja ("2025年12月1日(月) 8:00 Name <addr>:" — the timed-address rule); Apple Mail ("2025/12/01 8:00、Name
        // <addr>のメール:"); Outlook (差出人/送信日時/宛先/CC/件名).
        QuoteHeaderLanguage(
            code: "ja", name: "Japanese", endingVerbs: ["のメール", "のメッセージ", "さんは書きました"],
            markers: ["元のメッセージ", "転送されたメッセージ", "転送メッセージ"],
            from: ["差出人", "送信者"], date: ["送信日時", "日付"], to: ["宛先"], cc: ["cc"], subject: ["件名"]),
        // Gmail fa ("در تاریخ دوشنبه ۱ دسامبر ۲۰۲۵ ساعت ۸:۰۰ Name <addr> نوشت:"), also used for Dari; Outlook fa
        // (از/ارسال شده/به/رونوشت/موضوع). Thunderbird fa keeps the English strings.
        QuoteHeaderLanguage(
            code: "fa", name: "Farsi and Dari", endingVerbs: ["نوشت"], openers: ["در"],
            markers: ["پیام اصلی", "پیام هدایت‌شده", "پیام ارسال شده"],
            from: ["از"], date: ["ارسال شده", "تاریخ"], to: ["به"], cc: ["رونوشت"], subject: ["موضوع"]),
        // Gmail am ("… ላይ Name <addr> እንዲህ ጽፈዋል፦" — the Ethiopic preface colon ends it); Outlook am (ከ/የተላከው/ለ/
        // ርዕሰ ጉዳይ). Not checked against a string file.
        QuoteHeaderLanguage(
            code: "am", name: "Amharic", endingVerbs: ["ጽፈዋል", "እንዲህ ጽፈዋል", "ጻፈ"],
            markers: ["ኦሪጅናል መልዕክት", "የተላለፈ መልዕክት"],
            from: ["ከ"], date: ["የተላከው", "ቀን"], to: ["ለ"], subject: ["ርዕሰ ጉዳይ", "ርዕስ"]),
        // Thunderbird ca ("El #2 a les #3, #1 ha escrit:"); Outlook (De/Enviat/A/Assumpte).
        QuoteHeaderLanguage(
            code: "ca", name: "Catalan", endingVerbs: ["ha escrit", "escrigué"], markers: ["missatge original"],
            from: ["de"], date: ["enviat", "data"], to: ["a", "per a"], cc: ["a/c"], subject: ["assumpte"]),
        // Thunderbird ro ("La #2 #3, #1 a scris:", "Mesajul original"); Outlook (De la/Trimis/Către/Cc/Subiect).
        QuoteHeaderLanguage(
            code: "ro", name: "Romanian", endingVerbs: ["a scris"],
            markers: ["mesajul original", "mesaj redirecționat"],
            from: ["de la"], date: ["trimis", "data"], to: ["către"], cc: ["cc"], subject: ["subiect"]),
    ]
}
