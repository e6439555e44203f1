import * as auth from '../services/auth';
import * as people from '../services/people';
import type { AuthDependencies } from '../services/auth';
import type { PeopleDependencies } from '../services/people';
import type { Handlers } from './dispatch';

export interface HandlerContext {
  auth: AuthDependencies;
  /** The signed-in user's view of the data; throws UNAUTHENTICATED if nobody is signed in. */
  signedIn(): PeopleDependencies;
}

/** One line per channel: the logic lives in the services. */
export const handlers: Handlers<HandlerContext> = {
  'app.status': (_input, c) => auth.appStatus(c.auth),
  'setup.createPractice': (input, c) => auth.createPractice(c.auth, input),
  'setup.confirmRecoveryCode': (_input, c) => auth.confirmRecoveryCode(c.auth),
  'setup.replaceRecoveryCode': (_input, c) => auth.replaceRecoveryCode(c.auth),
  'auth.logIn': (input, c) => auth.logIn(c.auth, input),
  'auth.recover': (input, c) => auth.recover(c.auth, input),
  'auth.lock': (_input, c) => auth.lock(c.auth),
  'auth.unlock': (input, c) => auth.unlock(c.auth, input),
  'auth.logOut': (_input, c) => auth.logOut(c.auth),
  'people.create': (input, c) => people.createPerson(c.signedIn(), input),
  'people.get': (input, c) => people.getPerson(c.signedIn(), input),
  'people.search': (input, c) => people.searchPeople(c.signedIn(), input),
};
