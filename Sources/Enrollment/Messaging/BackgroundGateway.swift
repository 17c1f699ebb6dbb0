import Dispatch

/// Hands messages to another gateway on a background queue, so a request handler never waits for
/// a slow provider or its retries. Messages are sent one at a time, in order.
///
/// `send` returns once the message is queued; a failure is logged by the wrapped gateway, and a
/// message still queued when the process exits is lost. NOTE: there is no durable queue, so a
/// crash between the request and the send drops the message and the parent asks for a new code.
public final class BackgroundGateway: SMSGateway, EmailGateway {
    private let sms: any SMSGateway
    private let email: any EmailGateway
    private let queue = DispatchQueue(label: "sakura.identity.messages")

    public init(sms: any SMSGateway, email: any EmailGateway) {
        self.sms = sms
        self.email = email
    }

    public func send(_ message: SMSMessage) throws(EnrollmentError) {
        let gateway = sms
        queue.async { try? gateway.send(message) }
    }

    public func send(_ message: EmailMessage) throws(EnrollmentError) {
        let gateway = email
        queue.async { try? gateway.send(message) }
    }

    /// Waits until every queued message has been handed to the wrapped gateway.
    public func drain() {
        queue.sync {}
    }
}
