import CCurl

extension SMTPTranscript {
    /// Decides the outcome of a finished transfer from libcurl's result and what the server said.
    ///
    /// A 4xx/5xx reply decides when there is one; otherwise whether the body was completely handed to
    /// libcurl (and so the final dot possibly sent) separates "certainly not accepted" (temporary) from
    /// "may have been accepted" (unknown).
    /// - Parameters:
    ///   - connected: the TCP connection was made (CURLINFO_CONNECT_TIME_T > 0).
    ///   - tlsDone: the TLS handshake of an `smtps://` connection completed (CURLINFO_APPCONNECT_TIME_T > 0).
    func outcome(
        code: CURLcode, message: String, responseCode: Int, connected: Bool, implicitTLS: Bool, tlsDone: Bool
    ) -> SubmissionOutcome {
        if code == CURLE_OK {
            if let final = replies[.endOfData], final.isPositive {
                return .accepted(final)
            }
            return .accepted(SMTPReply(code: responseCode, text: ""))
        }
        let detail = describe(code: code, message: message)
        if abortReason == .authNotOffered {
            return .temporaryFailure(stage: .auth, reply: nil, detail: detail)
        }
        if let (replyStage, reply) = lastReply, reply.isTransient || reply.isPermanent {
            if reply.isTransient {
                return .temporaryFailure(stage: replyStage, reply: reply, detail: detail)
            }
            return .permanentFailure(stage: replyStage, reply: reply, detail: detail)
        }
        if bodyComplete {
            return .unknown(detail: detail + " (after the whole message was sent; the server may have accepted it)")
        }
        var stage = failureStage(for: code)
        if stage == .connect, connected {
            // Connected, then nothing: the TLS handshake (smtps) or the greeting never completed.
            stage = implicitTLS && !tlsDone ? .tls : .greeting
        }
        return .temporaryFailure(stage: stage, reply: nil, detail: detail)
    }

    private func failureStage(for code: CURLcode) -> SMTPStage {
        switch code {
        case CURLE_USE_SSL_FAILED, CURLE_SSL_CONNECT_ERROR, CURLE_PEER_FAILED_VERIFICATION,
            CURLE_SSL_CERTPROBLEM, CURLE_SSL_CIPHER, CURLE_SSL_CACERT_BADFILE, CURLE_SSL_ISSUER_ERROR,
            CURLE_SSL_PINNEDPUBKEYNOTMATCH, CURLE_SSL_INVALIDCERTSTATUS, CURLE_SSL_CRL_BADFILE,
            CURLE_SSL_SHUTDOWN_FAILED, CURLE_SSL_ENGINE_INITFAILED, CURLE_SSL_ENGINE_NOTFOUND,
            CURLE_SSL_ENGINE_SETFAILED:
            return .tls
        case CURLE_LOGIN_DENIED:
            return .auth
        default:
            return stage
        }
    }

    private func describe(code: CURLcode, message: String) -> String {
        switch abortReason {
        case .cancelled:
            return "cancelled"
        case .bodyStalled(let seconds):
            return "the message body made no progress for \(seconds) s"
        case .authNotOffered:
            return "the server offered no AUTH although a username is configured; refusing to send "
                + "unauthenticated (stopped before the message body)"
        case nil:
            break
        }
        switch code {
        case CURLE_USE_SSL_FAILED:
            return "the server does not offer STARTTLS; refusing to send in clear text "
                + "(check the server, or use smtps://) [libcurl \(code.rawValue): \(message)]"
        case CURLE_PEER_FAILED_VERIFICATION:
            return "the server's certificate did not verify (check caFile and the host name) "
                + "[libcurl \(code.rawValue): \(message)]"
        default:
            return "libcurl \(code.rawValue): \(message)"
        }
    }
}
