/**
 * In-process domain events. Emitted only after a commit; the realtime layer
 * turns them into socket.io pushes (which the Redis adapter fans out across
 * nodes), the alert engine evaluates rules on them.
 */
import { EventEmitter } from 'node:events';
import type { StoredResponse } from '../store/types';
import type { SurveyDefinition } from '../../shared/survey';
import type { KioskRatingSession } from '../../shared/kiosk-protocol';

export interface DomainEvents {
  'response:stored': [{ response: StoredResponse; definition: SurveyDefinition }];
  'response:excluded': [{ response: StoredResponse; excluded: boolean }];
  'config:changed': [{ orgId: string; kind: string; id: string; servicePointIds?: string[] }];
  'device:changed': [{ orgId: string; deviceId: string; revoked: boolean; /** Moved to another counter: its sockets reconnect into the new rooms. */ moved?: boolean }];
  /** The service opened a rating session at a counter: its kiosks show the faces (issue 15). */
  'rating-session:opened': [{ orgId: string; servicePointId: string; session: KioskRatingSession }];
  /** A kiosk was heard from (heartbeat): a silent-kiosk alert can clear at once. */
  'device:seen': [{ orgId: string; deviceId: string }];
  /** A session ended (logout): live connections opened with it must close. `sessionId` is the token's hash. */
  'session:ended': [{ sessionId: string }];
}

export class EventBus extends EventEmitter<DomainEvents> {}
