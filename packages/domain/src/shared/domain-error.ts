/** A rule of `shared/spec/domain-rules.md`, such as `R3.3`. */
export type RuleId = `R${number}.${number}`;

/**
 * Why a command was refused. A `RuleViolation` names the rule it enforces and becomes a 422;
 * `Forbidden` (the actor may not do this, e.g. R4.2) a 403; `NotFound` a 404 and `AlreadyExists` a 409.
 */
export type DomainError =
  | { readonly kind: 'RuleViolation'; readonly rule: RuleId; readonly message: string }
  | { readonly kind: 'Forbidden'; readonly rule: RuleId | null; readonly message: string }
  | { readonly kind: 'NotFound'; readonly entity: string; readonly message: string }
  | { readonly kind: 'AlreadyExists'; readonly entity: string; readonly message: string };
