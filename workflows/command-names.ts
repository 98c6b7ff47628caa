/** The command catalogue's entries (catalogue.ts), by the name the console's forms and the CLI use (the CLI in kebab case). */
export type CommandName =
  | 'outcome'
  | 'assess'
  | 'sign'
  | 'refuse'
  | 'submitQuestionnaire'
  | 'requestDocuments'
  | 'documentsReceived'
  | 'requestException'
  | 'apply'
  | 'correctedEvidence'
  | 'newProduct'
  | 'question'
  | 'answerQuestion'
  | 'withdraw'
  | 'moveDeadline'
  | 'resume';
