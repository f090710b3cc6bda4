// A question the user answers before something is lost (deleting a stage with cards in it).
// One at a time; the dialog that shows it lives in App.svelte.

import { t } from '../i18n/index.svelte';

export interface Question {
  title: string;
  message: string;
  confirm: string;
  resolve: (yes: boolean) => void;
}

class Confirm {
  question = $state<Question | null>(null);

  ask(title: string, message: string, confirm = t('common.delete')): Promise<boolean> {
    this.question?.resolve(false);
    return new Promise((resolve) => (this.question = { title, message, confirm, resolve }));
  }

  answer(yes: boolean): void {
    const question = this.question;
    this.question = null;
    question?.resolve(yes);
  }
}

export const confirmation = new Confirm();
