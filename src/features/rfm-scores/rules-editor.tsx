import { formatInt } from '../../components/format';
import {
  OTHERS,
  type Breaks,
  type RuleProblem,
  type SegmentAssignment,
  type SegmentRule,
} from '../../core/rfm-scores';
import {
  addRule,
  applyRPackagePreset,
  moveRule,
  removeRule,
  resetRules,
  updateRule,
} from '../../store/rfm-scores-actions';
import { useNotebook } from '../../store/store';

const KEYS = ['r', 'f', 'm'] as const;
const KEY_LABEL = { r: 'R', f: 'F', m: 'M' } as const;

function problemText(p: RuleProblem, rules: readonly SegmentRule[]): string {
  const name = rules[p.index]?.name.trim() || `rule ${p.index + 1}`;
  switch (p.code) {
    case 'rule-name-empty':
      return `Rule ${p.index + 1} has no name.`;
    case 'rule-range-order':
      return `${name}: the ${KEY_LABEL[p.feature]} range is from a higher to a lower score and matches nobody.`;
    case 'rule-range-outside':
      return `${name}: the ${KEY_LABEL[p.feature]} range goes beyond the scores in use.`;
    case 'rule-shadowed':
      return `${name} can never match: "${rules[p.by]?.name ?? ''}" above it covers all its scores (first match wins).`;
  }
}

const BOUND_WORD = { min: 'lowest', max: 'highest' } as const;

/** One end (lowest or highest score) of rule `index`'s range of R, F or M scores. */
function ScoreInput({
  rule,
  index,
  feature,
  bound,
  max,
}: {
  rule: SegmentRule;
  index: number;
  feature: (typeof KEYS)[number];
  bound: keyof typeof BOUND_WORD;
  max: number;
}) {
  return (
    <input
      type="number"
      className="rfm-score-input"
      min={1}
      max={max}
      step={1}
      value={rule[feature][bound]}
      aria-label={`${rule.name}: ${BOUND_WORD[bound]} ${KEY_LABEL[feature]} score`}
      data-testid={`rfm-rule-${index}-${feature}-${bound}`}
      onChange={(e) => {
        const v = Math.round(Number(e.target.value));
        if (Number.isFinite(v)) updateRule(index, { [feature]: { ...rule[feature], [bound]: v } });
      }}
    />
  );
}

/** The rule table: name and R/F/M score ranges in priority order, with the customers each rule gets. */
export function RulesEditor(props: {
  rules: readonly SegmentRule[];
  assignment: SegmentAssignment;
  breaks: Breaks;
  problems: readonly RuleProblem[];
}) {
  const { rules, assignment, breaks, problems } = props;
  const preset = useNotebook((s) => s.rulesPreset);
  const max = { r: breaks.recency.scores, f: breaks.frequency.scores, m: breaks.monetary.scores };
  const o = assignment.others;
  return (
    <div className="rfm-rules">
      <div className="button-row">
        <button
          type="button"
          className="button button--secondary"
          onClick={addRule}
          data-testid="rfm-rule-add"
        >
          Add a rule
        </button>
        <button
          type="button"
          className="button button--secondary"
          onClick={resetRules}
          data-testid="rfm-rules-reset"
        >
          Reset to the default rules
        </button>
        <button
          type="button"
          className="button button--secondary"
          onClick={applyRPackagePreset}
          data-testid="rfm-rules-r-preset"
        >
          R package rfm 0.3.0 preset
        </button>
        <span className="muted small" data-testid="rfm-rules-preset">
          {preset === 'default'
            ? 'Default rules'
            : preset === 'r-rfm'
              ? 'R package rfm rules'
              : 'Edited rules'}
        </span>
      </div>
      <div className="table-wrap">
        <table className="model-table rfm-rules-table" data-testid="rfm-rules-table">
          <caption className="visually-hidden">
            Named segment rules in priority order: a customer gets the first rule whose score ranges hold
          </caption>
          <thead>
            <tr>
              <th scope="col">Priority</th>
              <th scope="col">Segment</th>
              {KEYS.map((k) => (
                <th scope="col" key={k}>
                  {KEY_LABEL[k]} from – to
                </th>
              ))}
              <th scope="col" className="num">
                Customers
              </th>
              <th scope="col">Order</th>
            </tr>
          </thead>
          <tbody>
            {rules.map((ru, i) => (
              <tr key={ru.id} data-testid={`rfm-rule-${i}`}>
                <td>{i + 1}</td>
                <td>
                  <input
                    type="text"
                    value={ru.name}
                    aria-label={`Name of rule ${i + 1}`}
                    onChange={(e) => updateRule(i, { name: e.target.value })}
                    data-testid={`rfm-rule-name-${i}`}
                  />
                </td>
                {KEYS.map((k) => (
                  <td key={k} className="rfm-range">
                    <ScoreInput rule={ru} index={i} feature={k} bound="min" max={max[k]} />–
                    <ScoreInput rule={ru} index={i} feature={k} bound="max" max={max[k]} />
                  </td>
                ))}
                <td className="num" data-testid={`rfm-rule-count-${i}`}>
                  {formatInt(assignment.counts[i] ?? 0)}
                </td>
                <td className="rfm-order">
                  <button
                    type="button"
                    className="button button--secondary"
                    disabled={i === 0}
                    onClick={() => moveRule(i, -1)}
                    aria-label={`Move ${ru.name} up`}
                  >
                    ↑
                  </button>
                  <button
                    type="button"
                    className="button button--secondary"
                    disabled={i === rules.length - 1}
                    onClick={() => moveRule(i, 1)}
                    aria-label={`Move ${ru.name} down`}
                  >
                    ↓
                  </button>
                  <button
                    type="button"
                    className="button button--secondary"
                    onClick={() => removeRule(i)}
                    aria-label={`Remove ${ru.name}`}
                  >
                    Remove
                  </button>
                </td>
              </tr>
            ))}
            <tr data-testid="rfm-rule-others">
              <td>—</td>
              <td>{OTHERS}</td>
              <td colSpan={3} className="small">
                {o.count === 0
                  ? 'Every customer matches a rule.'
                  : [
                      o.uncovered.length > 0
                        ? `No rule covers the scores ${o.uncovered
                            .slice(0, 8)
                            .map((u) => `${u.code} (${formatInt(u.count)})`)
                            .join(
                              ', ',
                            )}${o.uncovered.length > 8 ? ` and ${o.uncovered.length - 8} more combinations` : ''}`
                        : null,
                      o.missing > 0 ? `${formatInt(o.missing)} customers have a missing score` : null,
                    ]
                      .filter((x) => x !== null)
                      .join('; ') + '.'}
              </td>
              <td className="num" data-testid="rfm-others-count">
                {formatInt(o.count)}
              </td>
              <td />
            </tr>
          </tbody>
        </table>
      </div>
      {problems.length > 0 ? (
        <ul className="small rfm-notes" role="status" data-testid="rfm-rule-problems">
          {problems.map((p, i) => (
            <li key={i}>{problemText(p, rules)}</li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
