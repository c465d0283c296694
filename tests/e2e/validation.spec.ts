// Errors are shown next to their field, tied to it for screen readers, and
// block continuing: "Continua" on an invalid step stays there and moves the
// focus to the first invalid field; nothing typed is lost.
import { test, expect } from './fixtures';
import {
  ACTIVATIONS,
  COMPANY,
  containing,
  continueButton,
  describedByTexts,
  errorText,
  expectPage,
  expectPageWithFocusOnHeading,
  field,
  fillCompany,
  it,
} from './helpers';

test.describe.configure({ mode: 'parallel' });

test('an invalid Partita IVA shows its message next to the field and blocks continuing', async ({ page }) => {
  await page.goto('./#/azienda');
  const piva = field(page, 'partita_iva');
  const message = it['error.piva.check_digit'];

  // While the user types, no error is shown yet.
  await piva.fill('00743110158');
  await expect(piva).toBeFocused();
  await expect(piva).toHaveAttribute('aria-invalid', 'false');
  await expect(page.getByText(message)).toHaveCount(0);

  // Leaving the field shows the message, bound to the input.
  await page.keyboard.press('Tab');
  await expect(piva).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByText(message)).toBeVisible();
  await expect(piva).toHaveAccessibleDescription(containing(message));
  await expect.poll(() => describedByTexts(piva)).toContainEqual(expect.stringContaining(message));

  // Everything else valid: "Continua" stays on the company step and focuses
  // the only invalid field.
  await fillCompany(page, { partita_iva: '00743110158' }, { open: false });
  await continueButton(page).click();
  await expectPage(page, 'company.title');
  await expect(piva).toBeFocused();
  // Nothing typed is lost.
  await expect(piva).toHaveValue('00743110158');
  await expect(field(page, 'ragione_sociale')).toHaveValue(COMPANY.ragione_sociale);

  // Correcting it removes the message and lets the user go on.
  await piva.fill(COMPANY.partita_iva);
  await expect(piva).toHaveAttribute('aria-invalid', 'false');
  await expect(page.getByText(message)).toHaveCount(0);
  await continueButton(page).click();
  await expectPageWithFocusOnHeading(page, 'activations.title');
});

test('continuing from an empty company step focuses its first field and marks every required one', async ({ page }) => {
  await page.goto('./#/azienda');
  await expectPage(page, 'company.title');
  await continueButton(page).click();
  await expectPage(page, 'company.title');
  const first = field(page, 'ragione_sociale');
  await expect(first).toBeFocused();
  await expect(first).toHaveAttribute('aria-invalid', 'true');
  await expect(first).toHaveAccessibleDescription(containing(it['error.required']));
  for (const key of ['partita_iva', 'indirizzo', 'cap', 'comune', 'provincia', 'email', 'telefono', 'rappr_nome', 'rappr_cognome', 'rappr_cf']) {
    await expect(field(page, key), key).toHaveAttribute('aria-invalid', 'true');
  }
  // The optional fields are not required; the PEC/SDI rule asks for one of them.
  await expect(field(page, 'codice_cliente')).toHaveAttribute('aria-invalid', 'false');
  await expect(page.getByText(it['error.pec_or_sdi'])).toBeVisible();
  // The errors are announced (the polite status region).
  await expect(
    page.getByRole('status').filter({ hasText: containing(it['announce.errors'].split('{n}')[1]) }),
  ).toHaveCount(1);
});

test('an invalid number of activations is refused with its own message', async ({ page }) => {
  await page.goto('./#/attivazioni');
  const activations = field(page, 'activations');
  const cases: [string, string][] = [
    ['2.5', 'error.activations.decimal'],
    ['-3', 'error.activations.negative'],
    ['tre', 'error.activations.not_a_number'],
    [String(ACTIVATIONS.min - 1), 'error.activations.too_low'],
    [String(ACTIVATIONS.max + 1), 'error.activations.too_high'],
  ];
  for (const [value, key] of cases) {
    // Straight from the field to the button: the message that appears as
    // the field loses the focus must not move the button from under the
    // pointer and lose the click.
    await activations.fill(value);
    await continueButton(page).click();
    await expectPage(page, 'activations.title');
    await expect(activations).toBeFocused();
    await expect(activations, value).toHaveAccessibleDescription(containing(errorText(key)));
  }
  await activations.fill('12');
  await expect(activations).toHaveAttribute('aria-invalid', 'false');
  await continueButton(page).click();
  await expectPage(page, 'support.title');
});

test('continuing without a support tier focuses the choice and says what is missing', async ({ page }) => {
  await page.goto('./#/assistenza');
  await continueButton(page).click();
  await expectPage(page, 'support.title');
  const group = page.getByRole('group', { name: containing(it['support.legend']) });
  await expect(group).toBeFocused();
  await expect(group).toHaveAttribute('aria-invalid', 'true');
  await expect(group).toHaveAccessibleDescription(containing(it['error.tier.required']));
});
