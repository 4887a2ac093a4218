import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity({ name: 'cros' })
export class CroEntity {
  @PrimaryColumn({ type: 'text' })
  id: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text', array: true })
  regions: string[];

  /** Activities the CRO offers (Activity enum values). */
  @Column({ type: 'text', array: true })
  services: string[];

  @Column({ type: 'text', array: true })
  languages: string[];
}
