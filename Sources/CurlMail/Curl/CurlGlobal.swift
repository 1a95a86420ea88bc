import CCurl

/// libcurl's process-wide initialisation, done exactly once before the first easy handle.
///
/// `curl_global_init` is not thread-safe in libcurl 7.88 (and `curl_easy_init` calls it unguarded when it
/// was not called yet), so every handle is created through ``CurlEasy``, which touches ``initialized``
/// first; a Swift `static let` is initialised once, under a lock, whichever thread gets there first.
enum CurlGlobal {
    /// `CURLE_OK` or the code `curl_global_init` failed with.
    static let initialized: CURLcode = curl_global_init(Int(CURL_GLOBAL_DEFAULT))

    /// The loaded libcurl's version, e.g. `0x075801` for 7.88.1.
    static var runtimeVersion: UInt32 { ccurl_runtime_version_num() }
}
