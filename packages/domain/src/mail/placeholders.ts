/**
 * The snippets a template, a trigger's mail or a macro may hold (api.md, "email_templates"):
 * `{{user.name}}`, `{{portal.password_link}}`, ... Spaces inside the braces are allowed.
 */
export const placeholderNames = [
  'user.name',
  'user.email',
  'ticket.id',
  'ticket.subject',
  'portal.url',
  'portal.username',
  'portal.password_link',
] as const;
export type PlaceholderName = (typeof placeholderNames)[number];

/** Placeholders whose value is a link: rendered as one in HTML, and only if it is http(s). */
export const linkPlaceholders: ReadonlyArray<PlaceholderName> = [
  'portal.url',
  'portal.password_link',
];

/**
 * R6.8: the password snippet is a single-use link, a secret while it is unused. It must never be
 * written where it stays (the event log, the outbox, a ticket comment): those get it redacted.
 */
export const secretPlaceholders: ReadonlyArray<PlaceholderName> = ['portal.password_link'];

export const isPlaceholderName = (name: string): name is PlaceholderName =>
  (placeholderNames as ReadonlyArray<string>).includes(name);

/** `{{ name }}`: the name is what lies between the braces, spaces around it ignored. */
const placeholderPattern = /\{\{\s*([^{}]*?)\s*\}\}/g;

/** A piece of a template: literal text, or a placeholder to fill. */
export type TemplatePart =
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'placeholder'; readonly name: string; readonly source: string };

export const partsOf = (template: string): ReadonlyArray<TemplatePart> => {
  const parts: TemplatePart[] = [];
  let last = 0;
  for (const match of template.matchAll(placeholderPattern)) {
    const start = match.index;
    if (start > last) parts.push({ kind: 'text', text: template.slice(last, start) });
    parts.push({ kind: 'placeholder', name: match[1] ?? '', source: match[0] });
    last = start + match[0].length;
  }
  if (last < template.length) parts.push({ kind: 'text', text: template.slice(last) });
  return parts;
};

/** The placeholders of some texts, each once, in order of appearance. */
export const placeholdersIn = (...texts: ReadonlyArray<string>): ReadonlyArray<string> => [
  ...new Set(
    texts.flatMap((text) =>
      partsOf(text).flatMap((part) => (part.kind === 'placeholder' ? [part.name] : [])),
    ),
  ),
];

/** Placeholders nobody can fill: reported, never silently dropped. */
export const unknownPlaceholdersIn = (...texts: ReadonlyArray<string>): ReadonlyArray<string> =>
  placeholdersIn(...texts).filter((name) => !isPlaceholderName(name));

/** Whether sending from these texts needs a single-use password link to be issued first. */
export const needsPasswordLink = (...texts: ReadonlyArray<string>): boolean =>
  placeholdersIn(...texts).includes('portal.password_link');
