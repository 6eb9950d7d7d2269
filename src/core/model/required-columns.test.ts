import { describe, expect, it } from 'vitest';
import { DEFAULT_CLEANING } from '../clean/clean';
import { DEFAULT_RFM } from '../rfm/rfm';
import { UCI_HEADERS } from '../rfm/test-data';
import { missingRequiredColumn } from './required-columns';

const uciTraining = UCI_HEADERS;
const full = { invoice: 0, product: 1, quantity: 3, date: 4, price: 5, customer: 6, country: 7 };

describe('missingRequiredColumn', () => {
  it('asks for the product column the model cleaned non-product codes with', () => {
    const { product: _p, ...noProduct } = full;
    expect(
      missingRequiredColumn('transactions', noProduct, DEFAULT_RFM, DEFAULT_CLEANING, uciTraining),
    ).toEqual({
      role: 'product',
      usedBy: 'cleaning: non-product codes',
      trainingHeader: 'StockCode',
    });
    // the rule switched off in the model, or a training file without the column: nothing to ask
    const off = { ...DEFAULT_CLEANING, dropNonProductCodes: false };
    expect(missingRequiredColumn('transactions', noProduct, DEFAULT_RFM, off, uciTraining)).toBeNull();
    const { product: _q, ...trainedWithout } = uciTraining;
    expect(
      missingRequiredColumn('transactions', noProduct, DEFAULT_RFM, DEFAULT_CLEANING, trainedWithout),
    ).toBeNull();
  });
  it('asks for the country column of the unspecified-country rule, and the RFM columns first', () => {
    const { country: _c, ...noCountry } = full;
    expect(
      missingRequiredColumn('transactions', noCountry, DEFAULT_RFM, DEFAULT_CLEANING, uciTraining)?.role,
    ).toBe('country');
    const { invoice: _i, country: _c2, ...noInvoice } = full;
    expect(
      missingRequiredColumn('transactions', noInvoice, DEFAULT_RFM, DEFAULT_CLEANING, uciTraining),
    ).toMatchObject({ role: 'invoice', usedBy: 'frequency: invoices' });
    expect(
      missingRequiredColumn('transactions', full, DEFAULT_RFM, DEFAULT_CLEANING, uciTraining),
    ).toBeNull();
    expect(missingRequiredColumn('rfm', {}, DEFAULT_RFM, DEFAULT_CLEANING, uciTraining)).toBeNull();
  });
  it('a training file without invoices counted lines: a new file without them is read the same way', () => {
    const { invoice: _i, ...linesOnlyTraining } = uciTraining;
    const { invoice: _j, ...noInvoice } = full;
    expect(
      missingRequiredColumn('transactions', noInvoice, DEFAULT_RFM, DEFAULT_CLEANING, linesOnlyTraining),
    ).toBeNull();
    // an R+F model needs no money column
    const { quantity: _q, price: _p, ...noMoney } = full;
    expect(
      missingRequiredColumn('transactions', noMoney, DEFAULT_RFM, DEFAULT_CLEANING, uciTraining, [
        'recency',
        'frequency',
      ]),
    ).toBeNull();
    expect(
      missingRequiredColumn('transactions', noMoney, DEFAULT_RFM, DEFAULT_CLEANING, uciTraining)?.role,
    ).toBe('quantity');
  });
});
