export const SNAPSHOT: URL;
export function loadContract(url?: URL): any;
export interface ContractChecker {
  check(method: string, path: string, status: number, body: unknown, contentType?: string): string[] | null;
  operation(method: string, path: string): { template: string; op: any } | null;
  doc: any;
}
export function contractChecker(doc: any): ContractChecker;
