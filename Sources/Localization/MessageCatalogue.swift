/// A language of the portal.
public enum Language: String, Sendable, CaseIterable {
    case kk, ru, en

    /// Russian, the portal's default.
    public static let `default` = Language.ru

    /// Picks the language from an explicit code, else from an Accept-Language value
    /// (RFC 9110 §12.5.4, highest q first), else Russian.
    public static func negotiate(explicit: String?, acceptLanguage: String?) -> Language {
        if let explicit, let language = Language(rawValue: explicit.lowercased()) { return language }
        guard let acceptLanguage else { return .default }
        var ranked: [(language: Language, quality: Double, order: Int)] = []
        for (order, item) in acceptLanguage.split(separator: ",").enumerated() {
            let parts = item.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
            guard let tag = parts.first?.lowercased() else { continue }
            let primary = String(tag.split(separator: "-").first ?? "")
            guard let language = Language(rawValue: primary) else { continue }
            let quality = parts.dropFirst().first { $0.hasPrefix("q=") }.flatMap { Double($0.dropFirst(2)) } ?? 1
            if quality > 0 { ranked.append((language, quality, order)) }
        }
        return ranked.sorted { ($0.quality, -$0.order) > ($1.quality, -$1.order) }.first?.language ?? .default
    }
}

/// Every text a parent or staff member reads, in Kazakh, Russian and English, from one table.
///
/// Templates name their arguments in braces, for example "{field}".
public enum MessageCatalogue {
    public struct Entry: Sendable {
        public let kk: String
        public let ru: String
        public let en: String

        public func text(_ language: Language) -> String {
            switch language {
            case .kk: return kk
            case .ru: return ru
            case .en: return en
            }
        }
    }

    /// Renders the message `key` in `language`, filling `{name}` placeholders from `arguments`.
    /// An unknown key renders as the key itself, so a missing entry shows up in review.
    public static func text(_ key: String, _ language: Language, _ arguments: [String: String] = [:]) -> String {
        guard let entry = entries[key] ?? planningEntries[key] else { return key }
        var text = entry.text(language)
        for (name, value) in arguments { text = text.replacingOccurrences(of: "{\(name)}", with: value) }
        return text
    }

    /// Every entry: the general ones and those of the identity layer (parent login, codes, settings).
    public static let entries: [String: Entry] = generalEntries.merging(identityEntries) { general, _ in general }

    static let generalEntries: [String: Entry] = [
        "missing_parameter": Entry(
            kk: "«{field}» параметрі берілмеген. Оны сұранысқа қосыңыз.",
            ru: "Не указан параметр «{field}». Добавьте его в запрос.",
            en: "The parameter \"{field}\" is missing. Add it to the request."),
        "invalid_number": Entry(
            kk: "«{field}» параметрі сан болуы керек, ал берілгені: «{value}».",
            ru: "Параметр «{field}» должен быть числом, получено «{value}».",
            en: "The parameter \"{field}\" must be a number, got \"{value}\"."),
        "out_of_range": Entry(
            kk: "«{field}» параметрі {minimum}…{maximum} аралығында болуы керек, ал берілгені: {value}.",
            ru: "Параметр «{field}» должен быть в пределах {minimum}…{maximum}, получено {value}.",
            en: "The parameter \"{field}\" must be within {minimum}…{maximum}, got {value}."),
        "outside_city": Entry(
            kk: "Нүкте ({lat}, {lon}) «{city}» қаласынан тым алыс.",
            ru: "Точка ({lat}, {lon}) находится слишком далеко от города «{city}».",
            en: "The point ({lat}, {lon}) is too far from the city \"{city}\"."),
        "outside_city_swapped": Entry(
            kk: "Нүкте ({lat}, {lon}) «{city}» қаласынан тым алыс. Ендік пен бойлық ауысып кеткен болар: lat={lon}, lon={lat} деп көріңіз.",
            ru: "Точка ({lat}, {lon}) находится слишком далеко от города «{city}». Похоже, широта и долгота перепутаны: попробуйте lat={lon}, lon={lat}.",
            en: "The point ({lat}, {lon}) is too far from the city \"{city}\". Latitude and longitude look swapped: try lat={lon}, lon={lat}."),
        "invalid_bbox": Entry(
            kk: "«bbox» параметрі төрт саннан тұруы керек: minLon,minLat,maxLon,maxLat (min мәндері max-тан кіші). Берілгені: «{value}».",
            ru: "Параметр «bbox» должен содержать четыре числа: minLon,minLat,maxLon,maxLat (min меньше max). Получено «{value}».",
            en: "The parameter \"bbox\" must be four numbers: minLon,minLat,maxLon,maxLat (each min below its max). Got \"{value}\"."),
        "invalid_limit": Entry(
            kk: "«limit» параметрі 1-ден {maximum}-ге дейін болуы керек, ал берілгені: {value}.",
            ru: "Параметр «limit» должен быть от 1 до {maximum}, получено {value}.",
            en: "The parameter \"limit\" must be from 1 to {maximum}, got {value}."),
        "invalid_integer": Entry(
            kk: "«{field}» параметрі бүтін сан болуы керек, ал берілгені: «{value}».",
            ru: "Параметр «{field}» должен быть целым числом, получено «{value}».",
            en: "The parameter \"{field}\" must be a whole number, got \"{value}\"."),
        "unknown_code": Entry(
            kk: "«{field}» параметрінің мәні белгісіз: «{value}». Мүмкін мәндер: {allowed}.",
            ru: "Неизвестное значение параметра «{field}»: «{value}». Допустимые значения: {allowed}.",
            en: "Unknown value \"{value}\" for the parameter \"{field}\". Allowed values: {allowed}."),
        "city_not_found": Entry(
            kk: "«{city}» қаласы табылмады. Қалалар тізімі: /api/v1/cities.",
            ru: "Город «{city}» не найден. Список городов: /api/v1/cities.",
            en: "The city \"{city}\" was not found. The list of cities is at /api/v1/cities."),
        "school_not_found": Entry(
            kk: "«{school}» мектебі «{city}» қаласында табылмады.",
            ru: "Школа «{school}» не найдена в городе «{city}».",
            en: "The school \"{school}\" was not found in the city \"{city}\"."),
        "teacher_not_found": Entry(
            kk: "«{teacher}» мұғалімі «{city}» қаласында табылмады.",
            ru: "Учитель «{teacher}» не найден в городе «{city}».",
            en: "The teacher \"{teacher}\" was not found in the city \"{city}\"."),
        "route_not_found": Entry(
            kk: "Мұндай мекенжай жоқ: {path}.",
            ru: "Такого адреса нет: {path}.",
            en: "There is no such address: {path}."),
        "method_not_allowed": Entry(
            kk: "{method} әдісі бұл мекенжайда қолданылмайды.",
            ru: "Метод {method} не поддерживается по этому адресу.",
            en: "The method {method} is not allowed at this address."),
        "bad_request": Entry(
            kk: "Сұраныс қате құрылған: {reason}.",
            ru: "Запрос составлен неверно: {reason}.",
            en: "The request is malformed: {reason}."),
        "request_timeout": Entry(
            kk: "Сұраныс тым ұзақ жіберілді және тоқтатылды.",
            ru: "Запрос передавался слишком долго и был прерван.",
            en: "The request took too long to arrive and was stopped."),
        "payload_too_large": Entry(
            kk: "Сұраныс денесі тым үлкен: {reason}.",
            ru: "Тело запроса слишком большое: {reason}.",
            en: "The request body is too large: {reason}."),
        "http_version_not_supported": Entry(
            kk: "Тек HTTP/1.0 және HTTP/1.1 қолданылады.",
            ru: "Поддерживаются только HTTP/1.0 и HTTP/1.1.",
            en: "Only HTTP/1.0 and HTTP/1.1 are supported."),
        "uri_too_long": Entry(
            kk: "Сұраныс жолы тым ұзын.",
            ru: "Строка запроса слишком длинная.",
            en: "The request line is too long."),
        "headers_too_large": Entry(
            kk: "Сұраныс тақырыптары тым үлкен немесе тым көп.",
            ru: "Заголовки запроса слишком большие или их слишком много.",
            en: "The request headers are too large or too many."),
        "internal_error": Entry(
            kk: "Серверде қате орын алды. Кейінірек қайталап көріңіз; сұраныс нөмірі: {request_id}.",
            ru: "На сервере произошла ошибка. Повторите попытку позже; номер запроса: {request_id}.",
            en: "Something went wrong on the server. Try again later; request id: {request_id}."),
        "language.kk": Entry(kk: "Қазақ тілі", ru: "Казахский", en: "Kazakh"),
        "language.ru": Entry(kk: "Орыс тілі", ru: "Русский", en: "Russian"),
        "language.en": Entry(kk: "Ағылшын тілі", ru: "Английский", en: "English"),
        "language.mixed": Entry(kk: "Аралас", ru: "Смешанный", en: "Mixed"),
        "language.ug": Entry(kk: "Ұйғыр тілі", ru: "Уйгурский", en: "Uyghur"),
        "language.uz": Entry(kk: "Өзбек тілі", ru: "Узбекский", en: "Uzbek"),
        "language.tg": Entry(kk: "Тәжік тілі", ru: "Таджикский", en: "Tajik"),
        "school_type.general": Entry(kk: "Жалпы білім беретін мектеп", ru: "Общеобразовательная школа", en: "General school"),
        "school_type.gymnasium": Entry(kk: "Гимназия", ru: "Гимназия", en: "Gymnasium"),
        "school_type.lyceum": Entry(kk: "Лицей", ru: "Лицей", en: "Lyceum"),
        "school_type.school_gymnasium": Entry(kk: "Мектеп-гимназия", ru: "Школа-гимназия", en: "School-gymnasium"),
        "school_type.specialised": Entry(kk: "Мамандандырылған мектеп", ru: "Специализированная школа", en: "Specialised school"),
        "school_type.small_rural": Entry(kk: "Шағын жинақты мектеп", ru: "Малокомплектная школа", en: "Small rural school"),
        "school_type.correctional": Entry(kk: "Түзету мектебі", ru: "Коррекционная школа", en: "Correctional school"),
        "school_type.evening": Entry(kk: "Кешкі мектеп", ru: "Вечерняя школа", en: "Evening school"),
        "ownership.state": Entry(kk: "Мемлекеттік", ru: "Государственная", en: "State"),
        "ownership.private": Entry(kk: "Жеке меншік", ru: "Частная", en: "Private"),
        "invalid_offset": Entry(
            kk: "«offset» параметрі 0 немесе одан үлкен бүтін сан болуы керек, ал берілгені: «{value}».",
            ru: "Параметр «offset» должен быть целым числом от 0, получено «{value}».",
            en: "The parameter \"offset\" must be a whole number from 0, got \"{value}\"."),
        "invalid_boolean": Entry(
            kk: "«{field}» параметрі true немесе false болуы керек, ал берілгені: «{value}».",
            ru: "Параметр «{field}» должен быть true или false, получено «{value}».",
            en: "The parameter \"{field}\" must be true or false, got \"{value}\"."),
        "demo_data": Entry(
            kk: "Демо-деректер: нақты қала емес",
            ru: "Демо-данные: ненастоящий город",
            en: "Demo data: not a real city"),
    ]
}

import Foundation
