import { LocalBus } from '../../src/bus/local.js';
import { busContract } from '../helpers/bus-contract.js';

busContract('local (in-process)', async () => new LocalBus());
