package dev.stoker.api.docs;

/**
 * What a writer is given.
 *
 * @param kind the kind of document
 * @param title its title
 * @param facts the facts (a writer must not state anything that is not in them)
 * @param prompt the full prompt for a language model: instructions, then the facts as JSON with their ids
 * @param templateVersion the version of the prompt template
 */
public record WritingTask(DocumentKind kind, String title, FactSet facts, String prompt, String templateVersion) {
}
