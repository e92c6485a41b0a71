import type { Queryable } from '@simplebank/service-kit';

/** Two published strategies of the embedded default, designed by the admin. */
export const seedStrategies = [
  {
    id: 's-balanced-growth',
    name: 'Balanced Growth',
    description:
      'World equities for growth, balanced with government bonds and a little currency diversification.',
    riskLevel: 'medium',
    timeHorizon: '5+ years',
    allocations: [
      { assetId: 'WRLD', percentage: 40 },
      { assetId: 'UST10', percentage: 30 },
      { assetId: 'ACME', percentage: 15 },
      { assetId: 'EUR', percentage: 15 },
    ],
  },
  {
    id: 's-steady-income',
    name: 'Steady Income',
    description: 'Dividend funds and high-grade bonds for a regular income with low swings.',
    riskLevel: 'low',
    timeHorizon: '3+ years',
    allocations: [
      { assetId: 'DIVI', percentage: 40 },
      { assetId: 'CORP5', percentage: 30 },
      { assetId: 'UST2', percentage: 30 },
    ],
  },
];

export async function seedStrategiesData(tx: Queryable): Promise<void> {
  for (const s of seedStrategies) {
    await tx.query(
      `INSERT INTO strategies (id, name, description, risk_level, time_horizon, allocations, status, created_by_user_id)
       VALUES ($1, $2, $3, $4, $5, $6::jsonb, 'published', 'u-admin') ON CONFLICT DO NOTHING`,
      [s.id, s.name, s.description, s.riskLevel, s.timeHorizon, JSON.stringify(s.allocations)],
    );
  }
}
