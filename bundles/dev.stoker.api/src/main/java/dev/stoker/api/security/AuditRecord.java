package dev.stoker.api.security;

/**
 * What a caller asks the audit log to append. Never put a secret value in any field.
 *
 * @param actor user name, or {@code anonymous}/{@code system}
 * @param action what was done, e.g. {@code POST /api/v1/users} or {@code auth.login}
 * @param target the object acted on, may be empty
 * @param sourceAddress the client address, may be empty for shell or system actions
 * @param outcome how it ended
 * @param detail short extra detail, may be empty
 */
public record AuditRecord(String actor, String action, String target, String sourceAddress,
    AuditOutcome outcome, String detail) {
}
