// The parts of the funnel report's answer (`/idtrail/reports/signUpFunnel`, src/reports/
// sign-up-funnel-shape.ts) the page draws. The report is the one place the funnel is computed;
// the page no longer folds raw sign-up events itself, so the two can never disagree.

export interface StageRow { slice: string; stage: string; entered: number; left: number; dropOffPercent: number }
export interface SliceRow { slice: string; attempts: number; completed: number; conversionPercent: number; highestDropOffStage: string | null }
export interface DailyRow { day: string; attempts: number; completed: number; failed: number; conversionPercent: number }

export interface FunnelAnswer {
  readonly summary: { attempts: number; completed: number; conversion: number; highestDropOffStage: string | null };
  readonly tables: { slices: SliceRow[]; stages: StageRow[]; daily: DailyRow[] };
}
