import CCurl
import Testing

@testable import CurlMail

/// The typed shims refuse an option of another class instead of handing libcurl the wrong C type.
@Suite struct CCurlShimTests {
    @Test func typedSettersCheckTheOptionClass() throws {
        #expect(CurlGlobal.initialized == CURLE_OK)
        let handle = try #require(curl_easy_init())
        defer { curl_easy_cleanup(handle) }
        #expect(ccurl_setopt_long(handle, CURLOPT_NOSIGNAL, 1) == CURLE_OK)
        #expect(ccurl_setopt_long(handle, CURLOPT_URL, 1) == CURLE_BAD_FUNCTION_ARGUMENT)
        #expect(ccurl_setopt_string(handle, CURLOPT_URL, "smtp://127.0.0.1") == CURLE_OK)
        #expect(ccurl_setopt_string(handle, CURLOPT_NOSIGNAL, "1") == CURLE_BAD_FUNCTION_ARGUMENT)
        #expect(ccurl_setopt_off_t(handle, CURLOPT_INFILESIZE_LARGE, 10) == CURLE_OK)
        #expect(ccurl_setopt_off_t(handle, CURLOPT_INFILESIZE, 10) == CURLE_BAD_FUNCTION_ARGUMENT)
        #expect(ccurl_setopt_write_function(handle, CURLOPT_READFUNCTION, nil) == CURLE_BAD_FUNCTION_ARGUMENT)
        var number = 0
        #expect(ccurl_getinfo_long(handle, CURLINFO_NUM_CONNECTS, &number) == CURLE_OK)
        #expect(ccurl_getinfo_long(handle, CURLINFO_EFFECTIVE_URL, &number) == CURLE_BAD_FUNCTION_ARGUMENT)
        var text: UnsafePointer<CChar>?
        #expect(ccurl_getinfo_string(handle, CURLINFO_EFFECTIVE_URL, &text) == CURLE_OK)
    }

    /// The option is spelled ALLLOWFAILS before 8.2.0; the shim picks the right one (we never set it).
    @Test func mailRcptAllowFailsSpelling() throws {
        let handle = try #require(curl_easy_init())
        defer { curl_easy_cleanup(handle) }
        #expect(ccurl_setopt_mail_rcpt_allowfails(handle, 0) == CURLE_OK)
    }

    /// CURLOPT_PROTOCOLS_STR needs 7.85.
    @Test func runtimeIsRecentEnough() {
        #expect(CurlGlobal.runtimeVersion >= 0x075500)
    }
}
